using System.Security.Cryptography;
using Ferry.Core.Errors;
using Ferry.Demo.Generation;
using MongoDB.Bson;

namespace Ferry.Demo.Tests;

public class InfraMindGeneratorTests
{
    private static InfraMindGenerator Generator(long size, int seed = 42, TimeProvider? clock = null) =>
        new(new GeneratorOptions { Size = size, Seed = seed, Clock = clock ?? FixedClock.Default });

    private static string HashOfEverything(InfraMindGenerator generator)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var collection in generator.Collections)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(collection.Name));
            foreach (var document in collection.Documents)
            {
                hash.AppendData(document.ToBson());
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    [Fact]
    public void Same_seed_size_and_clock_generate_identical_documents()
    {
        Assert.Equal(HashOfEverything(Generator(500, seed: 7)), HashOfEverything(Generator(500, seed: 7)));
    }

    [Fact]
    public void Output_is_pinned_so_a_change_on_another_machine_or_runtime_is_caught()
    {
        // Computed once; the generator uses no culture, no System.Random and no clock but the injected one.
        var hash = HashOfEverything(Generator(200, seed: 42));
        Assert.True(hash == "9E34C43D924C635ED002C354EC394A4EB90E33AB9CA1493A279B81B542E2EC96", hash);
    }

    [Fact]
    public void Different_seeds_generate_different_documents_and_ids()
    {
        Assert.NotEqual(HashOfEverything(Generator(300, seed: 1)), HashOfEverything(Generator(300, seed: 2)));
        Assert.NotEqual(Generator(10, seed: 1).Users().First()["_id"], Generator(10, seed: 2).Users().First()["_id"]);
    }

    [Fact]
    public void Ids_depend_on_the_seed_only_and_dates_on_the_clock()
    {
        var later = new FixedClock(FixedClock.Default.GetUtcNow().AddDays(3));
        var a = Generator(50).Users().ToList();
        var b = Generator(50, clock: later).Users().ToList();
        Assert.Equal(a.Select(d => d["_id"]), b.Select(d => d["_id"]));
        Assert.Equal(a[0]["created_at"].ToUniversalTime().AddDays(3), b[0]["created_at"].ToUniversalTime());
    }

    [Fact]
    public void A_larger_size_extends_a_smaller_one_without_changing_its_users()
    {
        var small = Generator(120).Users().ToList();
        var large = Generator(5000).Users().Take(120).ToList();
        Assert.Equal(small, large);
    }

    [Fact]
    public void Ids_ascend_in_generation_order_within_each_collection()
    {
        foreach (var collection in Generator(150).Collections.Where(c => c.Count > 1))
        {
            var ids = collection.Documents.Select(d => d["_id"].AsObjectId).ToList();
            Assert.Equal(ids.Order().ToList(), ids);
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    [Theory]
    [InlineData(1000, 42)]
    [InlineData(257, 9)]
    [InlineData(3, 5)]
    public void Planted_defects_recounted_from_the_documents_match_the_summary_exactly(long size, int seed)
    {
        var generator = Generator(size, seed);
        var recount = IndependentDefectCount.Of(generator);
        var summary = generator.Summarize();

        Assert.Equal(summary.Defects, recount.Defects);
        Assert.Equal(summary.Documents.OrderBy(p => p.Key), recount.Documents.OrderBy(p => p.Key));
        Assert.Equal(0, recount.OverlappingDefects);
    }

    [Fact]
    public void Counts_at_size_1000_have_every_defect_and_the_documented_collection_sizes()
    {
        var summary = Generator(1000).Summarize();
        Assert.Equal(1000, summary.Documents["users"]);
        Assert.Equal(3000, summary.Documents["assessments"]);
        Assert.Equal(4500, summary.Documents["reports"]);
        Assert.Equal(3000, summary.Documents["workflow_states"]);
        Assert.Equal(2000, summary.Documents["agent_metrics"]);
        Assert.Equal(1, summary.Documents["configuration"]);

        // One user slot in 100 per user defect, one in 100 per assessment defect; duplicates take two slots.
        var d = summary.Defects;
        Assert.Equal(10, d.UpperCaseEmails);
        Assert.Equal(10, d.UsersMissingName);
        Assert.Equal(10, d.UsersCreatedInFuture);
        Assert.InRange(d.DuplicateEmailGroups, 9, 10);
        Assert.InRange(d.DuplicateEmailExtraDocuments, 18, 20);
        Assert.True(d.DuplicateEmailExtraDocuments > d.DuplicateEmailGroups, "groups of three exist");
        Assert.Equal(30, d.OrphanedAssessments);
        Assert.Equal(30, d.AssessmentsMissingName);
        Assert.Equal(30, d.EmptyBusinessRequirements);
        Assert.Equal(30, d.InvalidStatuses);
        Assert.Equal(30, d.AssessmentsCreatedInFuture);
        Assert.Equal(45, d.OrphanedReports);
        Assert.Equal(30, d.OrphanedWorkflowStates);
        Assert.Equal(200, d.ExampleDomainUsers);
        Assert.Equal(200, d.DemoFlaggedUsers);
        Assert.Equal(300, d.DemoUsers);
    }

    [Fact]
    public void Streams_are_lazy_so_a_huge_size_costs_nothing_until_enumerated()
    {
        var generator = Generator(GeneratorOptions.MaxSize);
        Assert.Equal(3, generator.Reports().Take(3).Count());
        Assert.Equal(GeneratorOptions.MaxSize * 3, generator.AssessmentCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(GeneratorOptions.MaxSize + 1)]
    public void A_size_out_of_range_is_bad_input(long size)
    {
        var error = Assert.Throws<UserInputException>(() => Generator(size));
        Assert.Contains("--size", error.Message);
    }

    [Fact]
    public void The_summary_round_trips_through_planted_json()
    {
        var summary = Generator(300).Summarize();
        var back = GenerationSummary.FromBsonDocument(BsonDocument.Parse(summary.ToBsonDocument().ToJson()));
        Assert.Equal(summary.Defects, back.Defects);
        Assert.Equal(summary.Documents.OrderBy(p => p.Key), back.Documents.OrderBy(p => p.Key));
        Assert.Equal(summary.GeneratedAt, back.GeneratedAt);
        Assert.Equal((summary.Seed, summary.Size), (back.Seed, back.Size));
    }

    [Fact]
    public void The_configuration_document_is_the_guides_shape_with_demo_markers()
    {
        var config = Generator(1).Configuration().Single();
        Assert.Equal("demo_config", config["_id"].AsString);
        Assert.True(config["is_demo"].AsBoolean);
        Assert.Equal("gpt-3.5-turbo", config["llm_providers"]["openai"]["model"].AsString);
        Assert.Equal(3, config["cloud_providers"].AsBsonDocument.ElementCount);
        Assert.Equal(300, config["cache_settings"]["default_ttl"].AsInt32);
    }

    [Fact]
    public void The_demo_clock_is_midnight_utc_so_a_days_runs_are_identical()
    {
        var morning = HashOfEverything(Generator(50, clock: new StartOfDayClock(new FixedClock(new DateTimeOffset(2026, 3, 1, 0, 0, 1, TimeSpan.Zero)))));
        var evening = HashOfEverything(Generator(50, clock: new StartOfDayClock(new FixedClock(new DateTimeOffset(2026, 3, 1, 23, 59, 59, TimeSpan.Zero)))));
        var nextDay = HashOfEverything(Generator(50, clock: new StartOfDayClock(new FixedClock(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero)))));

        Assert.Equal(morning, evening);
        Assert.NotEqual(morning, nextDay);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), Generator(1, clock: new StartOfDayClock(FixedClock.Default)).GeneratedAt);
    }
}
