using System.Text;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using Ferry.Core.Transfer;
using Ferry.Demo.Generation;
using Ferry.Scripting.Migrations;
using MongoDB.Bson;

namespace Ferry.Scripting.Tests.Migrations;

/// <summary>The guide's migrations 001 and 002 (samples/inframind/migrations) on the Infra Mind demo data, on the
/// embedded store, through the real runner and the Jint sandbox.</summary>
public class InfraMindMigrationTests
{
    private static readonly string MigrationsFolder = FindSamples();

    [Theory]
    [InlineData(50)]
    [InlineData(1100)] // more than the migrations' batch of 1000 users and assessments
    public async Task Migrations_001_and_002_apply_and_roll_back_to_an_identical_export(int users)
    {
        await using var store = new TempStore();
        await SeedAsync(store.Db, users);
        var before = await ExportAsync(store.Db);
        var runner = new MigrationRunner(new ScriptMigrationSource(MigrationsFolder, new JintMigrationScriptRunner()));

        var up = await runner.UpAsync(store.Db);
        Assert.True(up.Succeeded, up.FailedStep?.Error);
        Assert.Equal(["001", "002"], up.Steps.Select(s => s.Version.Text));
        await AssertMigratedAsync(store.Db);

        var down002 = await runner.DownAsync(store.Db, new DownOptions(MigrationVersion.Parse("002")));
        Assert.True(down002.Succeeded, down002.FailedStep?.Error);
        Assert.Equal(0, await store.Db.GetCollection("assessments").CountAsync(new BsonDocument("version_history", new BsonDocument("$exists", true))));
        var down001 = await runner.DownAsync(store.Db, new DownOptions(MigrationVersion.Parse("001")));
        Assert.True(down001.Succeeded, down001.FailedStep?.Error);

        Assert.Equal(before, await ExportAsync(store.Db));
        Assert.Null((await runner.StatusAsync(store.Db)).CurrentVersion);
    }

    [Fact]
    public async Task Existing_user_preferences_and_assessment_versions_are_kept()
    {
        await using var store = new TempStore();
        await SeedAsync(store.Db, 50);
        var runner = new MigrationRunner(new ScriptMigrationSource(MigrationsFolder, new JintMigrationScriptRunner()));
        await runner.UpAsync(store.Db);
        var parisian = await store.Db.GetCollection("users").FindOneAsync(new BsonDocument("_id", "edge-partial"));
        Assert.Equal("Europe/Paris", parisian!["profile"]["timezone"].AsString);
        Assert.Equal("en", parisian["profile"]["language"].AsString);
        var versioned = await store.Db.GetCollection("assessments").FindOneAsync(new BsonDocument("_id", "edge-versioned"));
        Assert.Equal(7, versioned!["version"].AsInt32);
        Assert.Equal(new BsonArray(), versioned["version_history"]);
    }

    private static async Task AssertMigratedAsync(IDocumentDatabase db)
    {
        var users = db.GetCollection("users");
        var total = await users.CountAsync();
        Assert.Equal(total - 1, await users.CountAsync(BsonDocument.Parse("{ 'profile.timezone': { $exists: true }, 'profile.language': { $exists: true }, 'profile.notifications.email': { $exists: true } }")));
        var fresh = await users.FindOneAsync(new BsonDocument("_id", "edge-no-profile"));
        Assert.Equal(BsonDocument.Parse("{ timezone: 'UTC', language: 'en', notifications: { email: true, push: true, sms: false } }"), fresh!["profile"]);
        var assessments = db.GetCollection("assessments");
        Assert.Equal(await assessments.CountAsync(), await assessments.CountAsync(BsonDocument.Parse("{ version: { $exists: true }, version_history: { $exists: true } }")));
    }

    /// <summary>Demo users with their assessments and the other collections, plus the edge cases the migrations
    /// must not damage: a user without a profile, one with a partial profile, one whose profile is not a document,
    /// and an assessment that already has a version.</summary>
    private static async Task SeedAsync(IDocumentDatabase db, int users)
    {
        var generator = new InfraMindGenerator(new GeneratorOptions { Size = users, Seed = 7, Clock = new FixedClock() });
        foreach (var collection in generator.Collections)
        {
            var requests = collection.Documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList();
            await db.GetCollection(collection.Name).BulkWriteAsync(requests, new BulkWriteOptions { IsOrdered = true });
        }

        await db.GetCollection("users").BulkWriteAsync(
        [
            new InsertRequest(BsonDocument.Parse("{ _id: 'edge-no-profile', email: 'a@example.com' }")),
            new InsertRequest(BsonDocument.Parse("{ _id: 'edge-partial', email: 'b@example.com', profile: { full_name: 'B', timezone: 'Europe/Paris' }, z: 1 }")),
            new InsertRequest(BsonDocument.Parse("{ _id: 'edge-not-a-document', email: 'c@example.com', profile: 'legacy' }")),
        ]);
        await db.GetCollection("assessments").BulkWriteAsync(
            [new InsertRequest(BsonDocument.Parse("{ _id: 'edge-versioned', name: 'v', version: 7, tail: true }"))]);
    }

    /// <summary>Every collection but Ferry's own bookkeeping, as canonical Extended JSON in _id order.</summary>
    private static async Task<string> ExportAsync(IDocumentDatabase db)
    {
        var text = new StringBuilder();
        foreach (var info in (await db.ListCollectionsAsync()).Where(c => !c.Name.StartsWith("_ferry_", StringComparison.Ordinal)).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            text.AppendLine("## " + info.Name);
            using var writer = new StringWriter();
            await ExtendedJsonExporter.ExportAsync(db.GetCollection(info.Name), writer);
            text.Append(writer);
        }

        return text.ToString();
    }

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "inframind", "migrations");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("samples/inframind/migrations not found above " + AppContext.BaseDirectory);
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
