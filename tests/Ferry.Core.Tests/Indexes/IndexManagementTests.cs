using Ferry.Core.Errors;
using Ferry.Core.Indexes;
using Ferry.Core.Tests.Support;
using Ferry.Core.Yaml;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Support;

public class IndexManagementTests
{
    private static readonly IReadOnlyList<IndexDeclaration> Declared =
    [
        new("assessments", new BsonDocument { { "name", "user_created_idx" }, { "key", new BsonDocument { { "user_id", 1 }, { "created_at", -1 } } } }),
        new("reports", new BsonDocument { { "name", "assessment_status_idx" }, { "key", new BsonDocument { { "assessment_id", 1 }, { "status", 1 } } } }),
    ];

    [Fact]
    public async Task Usage_counts_exactly_the_queries_that_used_each_index_and_survives_reopening()
    {
        await using var temp = new ClockedStore();
        await temp.InsertAsync("c", Enumerable.Range(0, 50).Select(i => new BsonDocument { { "_id", i }, { "k", i % 5 }, { "other", i } }));
        await temp.Db.GetCollection("c").CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("k", 1) }, { "name", "k_1" } }]);
        var c = temp.Db.GetCollection("c");

        for (var i = 0; i < 3; i++)
        {
            await c.FindAsync(new BsonDocument("k", i)).ToListAsync();
        }

        for (var i = 0; i < 4; i++)
        {
            await c.FindAsync(new BsonDocument("other", i)).ToListAsync(); // no index on "other": a scan, counted nowhere
        }

        await temp.ReopenAsync();
        await temp.Db.GetCollection("c").FindAsync(new BsonDocument("k", 4)).ToListAsync();

        var usage = (await new IndexCatalog(temp.Db).ListAsync()).ToDictionary(e => e.Name, e => e.Operations);
        Assert.Equal(4, usage["k_1"]);
        Assert.Equal(0, usage["_id_"]);

        await temp.ReopenAsync();
        Assert.Equal(4, (await new IndexCatalog(temp.Db).ListAsync()).Single(e => e.Name == "k_1").Operations);
    }

    [Fact]
    public async Task Apply_builds_what_is_missing_once_and_a_second_apply_changes_nothing()
    {
        await using var temp = new ClockedStore();
        await temp.InsertAsync("assessments", [new BsonDocument { { "_id", 1 }, { "user_id", 7 } }]);

        var first = await new IndexApplier(temp.Db).ApplyAsync(Declared);
        var listed = await new IndexCatalog(temp.Db).ListAsync();
        var second = await new IndexApplier(temp.Db).ApplyAsync(Declared);

        Assert.Equal([AppliedIndex.Created, AppliedIndex.Created], first.Indexes.Select(i => i.Status));
        Assert.Equal([AppliedIndex.Exists, AppliedIndex.Exists], second.Indexes.Select(i => i.Status));
        Assert.Equal(0, second.Created);
        Assert.Equal(listed.Select(e => (e.Collection, e.Name)), (await new IndexCatalog(temp.Db).ListAsync()).Select(e => (e.Collection, e.Name)));
        Assert.Equal(["_id_", "user_created_idx"], (await temp.Db.GetCollection("assessments").ListIndexesAsync()).Select(i => i["name"].AsString));
    }

    [Fact]
    public async Task Apply_refuses_a_same_named_index_with_another_definition_and_builds_nothing()
    {
        await using var temp = new ClockedStore();
        await temp.Db.GetCollection("reports").CreateIndexesAsync([new BsonDocument { { "name", "assessment_status_idx" }, { "key", new BsonDocument("assessment_id", 1) } }]);

        var error = await Assert.ThrowsAsync<UserInputException>(() => new IndexApplier(temp.Db).ApplyAsync(Declared));

        Assert.StartsWith("index 'assessment_status_idx' on reports: an index of that name exists with another definition", error.Message);
        Assert.Empty(await IndexSpecs.ExistingAsync(temp.Db.GetCollection("assessments"), CancellationToken.None)); // declared first, yet not built
    }

    [Fact]
    public async Task Drop_records_the_definition_and_recreate_brings_back_the_same_index()
    {
        await using var temp = new ClockedStore();
        var spec = new BsonDocument
        {
            { "name", "active_email" },
            { "key", new BsonDocument("email", 1) },
            { "unique", true },
            { "partialFilterExpression", new BsonDocument("active", true) },
        };
        await temp.InsertAsync("users", [new BsonDocument { { "_id", 1 }, { "email", "a@x" }, { "active", true } }]);
        await temp.Db.GetCollection("users").CreateIndexesAsync([spec]);
        var before = (await temp.Db.GetCollection("users").ListIndexesAsync()).Single(i => i["name"] == "active_email");

        var dropper = new IndexDropper(temp.Db);
        await dropper.DropAsync(await dropper.FindAsync("active_email", null));
        var afterDrop = (await temp.Db.GetCollection("users").ListIndexesAsync()).Select(i => i["name"].AsString).ToList();
        var recorded = await new DroppedIndexes(temp.Db).FindAsync("active_email", null);
        var recreated = await new IndexApplier(temp.Db).ApplyAsync(recorded);

        Assert.Equal(["_id_"], afterDrop);
        Assert.Equal("users", Assert.Single(recorded).Collection);
        Assert.Equal(AppliedIndex.Created, Assert.Single(recreated.Indexes).Status);
        Assert.Equal(before, (await temp.Db.GetCollection("users").ListIndexesAsync()).Single(i => i["name"] == "active_email"));
    }

    [Fact]
    public async Task Drop_refuses_the_id_index_and_an_unknown_name()
    {
        await using var temp = new ClockedStore();
        await temp.InsertAsync("users", [new BsonDocument("_id", 1)]);

        Assert.Equal("_id_: the _id index cannot be dropped", (await Assert.ThrowsAsync<UserInputException>(() => new IndexDropper(temp.Db).FindAsync("_id_", null))).Message);
        Assert.StartsWith("nope: no index of that name", (await Assert.ThrowsAsync<UserInputException>(() => new IndexDropper(temp.Db).FindAsync("nope", null))).Message);
    }

    [Fact]
    public async Task Unused_leaves_out_id_and_unique_indexes_and_counters_younger_than_since()
    {
        await using var temp = new ClockedStore();
        await temp.InsertAsync("c", [new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 1 }, { "u", 1 }, { "late", 1 } }]);
        var c = temp.Db.GetCollection("c");
        await c.CreateIndexesAsync([new BsonDocument("key", new BsonDocument("a", 1)), new BsonDocument("key", new BsonDocument("b", 1)), new BsonDocument { { "key", new BsonDocument("u", 1) }, { "unique", true } }]);
        temp.Clock.Now = temp.Clock.Now.AddDays(10);
        await c.CreateIndexesAsync([new BsonDocument("key", new BsonDocument("late", 1))]);
        await c.FindAsync(new BsonDocument("b", 1)).ToListAsync();
        var catalog = new IndexCatalog(temp.Db);

        var sinceCreation = await catalog.UnusedAsync(null);
        var sinceDay5 = await catalog.UnusedAsync(new DateTime(2026, 5, 5, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(["a_1", "late_1"], sinceCreation.Select(e => e.Name));
        Assert.Equal(["a_1"], sinceDay5.Select(e => e.Name));
    }

    [Fact]
    public async Task Optimize_reports_the_space_a_vacuum_reclaims()
    {
        await using var temp = new ClockedStore();
        await temp.InsertAsync("big", Enumerable.Range(0, 2000).Select(i => new BsonDocument { { "_id", i }, { "pad", new string('x', 2000) } }));
        await temp.Db.GetCollection("big").BulkWriteAsync([new Ferry.Core.Storage.DeleteRequest(new BsonDocument(), IsMulti: true)]);

        var result = await new IndexOptimizer(temp.Db).OptimizeAsync(null);

        Assert.Equal(["REINDEX", "ANALYZE", "VACUUM"], result.Steps);
        Assert.True(result.WholeDatabase);
        Assert.True(result.BytesReclaimed > 2000 * 2000 / 2, $"reclaimed {result.BytesReclaimed} of {result.BytesBefore}");
        Assert.Equal(result.BytesBefore - result.BytesAfter, result.BytesReclaimed);
    }

    [Fact]
    public void Declaration_files_read_yaml_and_json_and_name_the_line_of_a_mistake()
    {
        var yaml = IndexDeclarationFile.Parse(YamlFile.ParseMapping("indexes:\n  a:\n    - { key: { x: 1, y: -1 }, background: true }\n", "i.yaml"), "i.yaml");
        var json = IndexDeclarationFile.Parse(YamlFile.ParseMapping("{\"indexes\": {\"a\": [{\"name\": \"n\", \"key\": {\"x\": 1}, \"unique\": true}]}}", "i.json"), "i.json");
        var noKey = Assert.Throws<UserInputException>(() => IndexDeclarationFile.Parse(YamlFile.ParseMapping("indexes:\n  a:\n    - { name: n }\n", "i.yaml"), "i.yaml"));

        Assert.Equal(new BsonDocument { { "key", new BsonDocument { { "x", 1 }, { "y", -1 } } }, { "name", "x_1_y_-1" } }, Assert.Single(yaml).Spec);
        Assert.Equal(new BsonDocument { { "name", "n" }, { "key", new BsonDocument("x", 1) }, { "unique", true } }, Assert.Single(json).Spec);
        Assert.StartsWith("i.yaml:3:7: 'key' is required", noKey.Message);
    }

    [Fact]
    public void The_sample_index_set_declares_the_guides_three_production_indexes()
    {
        var declared = IndexDeclarationFile.Load(Support.SeededDemo.SampleFile("indexes.yaml"));

        Assert.Equal(["assessments.user_created_idx", "reports.assessment_status_idx", "agent_metrics.agent_time_idx"], declared.Select(d => d.Collection + "." + d.Name));
    }
}
