using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Runs;
using Ferry.Core.Schema;
using Ferry.Core.Storage;
using Ferry.Core.Tests.Support;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Schema;

/// <summary>
/// Schema as code (#18): the guide's production schema (samples/inframind/schema.yaml) built on an empty store, a
/// second apply that changes nothing, drift found exactly, destructive changes refused without --allow-drop and done
/// after a verified backup with it.
/// </summary>
public sealed class SchemaApplyTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-schema-tests", Guid.NewGuid().ToString("N"));
    private IDocumentStore _store = null!;

    private IDocumentDatabase Database => _store.GetDatabase("inframind_prod");

    private static SchemaDeclaration Guide => SchemaFile.Load(SeededDemo.SampleFile("schema.yaml"));

    public async Task InitializeAsync() => _store = await new EmbeddedStoreProvider().OpenAsync("file:" + Path.Combine(_folder, "data"));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private SchemaApplier Applier(bool allowDrop = false) =>
        new(_store, Database, new SchemaApplyOptions { AllowDrop = allowDrop, BackupRoot = Path.Combine(_folder, "backups"), Time = SeededDemo.Time });

    [Fact]
    public async Task The_guides_production_schema_is_built_on_an_empty_store_and_a_second_apply_changes_nothing()
    {
        var first = await Applier().ApplyAsync(Guide);

        Assert.True(first.Applied);
        Assert.Equal(7, first.Changes.Count(c => c.Action == SchemaChange.CreateCollection));
        Assert.Equal(8, first.Changes.Count(c => c.Action == SchemaChange.CreateIndex));
        Assert.Equal(7, first.Changes.Count(c => c.Action == SchemaChange.UpsertDocument));
        Assert.Equal(0, first.Changes.Count(c => c.Destructive));
        Assert.Null(first.BackupTag);

        var collections = (await Database.ListCollectionsAsync()).Where(c => !c.Name.StartsWith("_ferry", StringComparison.Ordinal)).ToDictionary(c => c.Name);
        Assert.Equal(["agent_metrics", "assessments", "cloud_providers", "compliance_frameworks", "reports", "users", "workflow_states"], collections.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("moderate", collections["assessments"].Options["validationLevel"].AsString);
        Assert.Equal(new BsonArray { "email", "password_hash", "created_at" }, collections["users"].Options["validator"]["$jsonSchema"]["required"]);
        var userIndexes = await Database.GetCollection("users").ListIndexesAsync();
        Assert.Equal(["_id_", "created_at_idx", "email_unique"], userIndexes.Select(i => i["name"].AsString).Order(StringComparer.Ordinal));
        Assert.True(userIndexes.Single(i => i["name"] == "email_unique")["unique"].AsBoolean);
        Assert.Equal(7776000, (await Database.GetCollection("agent_metrics").ListIndexesAsync()).Single(i => i["name"] == "metrics_ttl")["expireAfterSeconds"].ToInt64());
        Assert.Equal(4, await Database.GetCollection("compliance_frameworks").CountAsync());
        Assert.Equal(new BsonDocument { { "_id", "soc2" }, { "name", "SOC 2" }, { "region", "global" } }, await Database.GetCollection("compliance_frameworks").FindOneAsync(new BsonDocument("_id", "soc2")));

        var runsBefore = await Database.GetCollection(RunJournal.CollectionName).CountAsync();
        var second = await Applier(allowDrop: true).ApplyAsync(Guide);
        Assert.Equal((true, false, null), (second.InSync, second.Applied, second.RunId));
        Assert.Equal(runsBefore, await Database.GetCollection(RunJournal.CollectionName).CountAsync());
        Assert.Empty(await new SchemaDiffer(Database).DiffAsync(Guide));
    }

    [Fact]
    public async Task The_declared_validator_is_enforced_after_apply()
    {
        await Applier().ApplyAsync(Guide);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Database.GetCollection("users").BulkWriteAsync([new InsertRequest(new BsonDocument("email", "a@x.io"))]));
        Assert.Contains("validation", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await Database.GetCollection("users").CountAsync());
    }

    [Fact]
    public async Task Drift_is_found_exactly_and_destructive_changes_are_refused_without_allow_drop_with_nothing_changed()
    {
        await Applier().ApplyAsync(Guide);
        await Database.GetCollection("users").CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("name", 1) }, { "name", "name_idx" } }]);
        await Database.RunCommandAsync(new BsonDocument { { "collMod", "assessments" }, { "validationLevel", "strict" } });
        await Database.GetCollection("compliance_frameworks").BulkWriteAsync([
            new InsertRequest(new BsonDocument { { "_id", "iso27001" }, { "name", "ISO 27001" } }),
            new ReplaceRequest(new BsonDocument("_id", "gdpr"), new BsonDocument { { "_id", "gdpr" }, { "name", "GDPR (old)" }, { "region", "EU" } }),
        ]);

        var changes = await new SchemaDiffer(Database).DiffAsync(Guide);

        Assert.Equal(
        [
            (SchemaChange.DropIndex, "users", true),
            (SchemaChange.SetValidation, "assessments", false),
            (SchemaChange.UpsertDocument, "compliance_frameworks", false),
            (SchemaChange.RemoveDocument, "compliance_frameworks", true),
        ], changes.Select(c => (c.Action, c.Collection, c.Destructive)));
        Assert.Equal("set the validation of assessments: validationLevel strict -> moderate", changes[1].Description);

        var refused = await Assert.ThrowsAsync<UserInputException>(() => Applier().ApplyAsync(Guide));
        Assert.Contains("2 change(s) would drop data or indexes (drop index name_idx", refused.Message, StringComparison.Ordinal);
        Assert.Equal(changes.Select(c => c.Description), (await new SchemaDiffer(Database).DiffAsync(Guide)).Select(c => c.Description));

        var applied = await Applier(allowDrop: true).ApplyAsync(Guide);

        Assert.NotNull(applied.BackupTag);
        var backups = Path.Combine(_folder, "backups");
        var entry = (await new BackupService().ListAsync(backups)).Single();
        Assert.Equal((applied.BackupTag, true), (entry.Tag, entry.Verification?.Ok));
        Assert.Equal(5, entry.Manifest.DocumentCount); // the touched collections: users (empty) and compliance_frameworks (5)
        Assert.Empty(await new SchemaDiffer(Database).DiffAsync(Guide));
        Assert.Null(await Database.GetCollection("compliance_frameworks").FindOneAsync(new BsonDocument("_id", "iso27001")));
        var run = (await new RunJournal(Database).GetAsync(applied.RunId!))!;
        Assert.Equal(("schema", RunStatus.Completed, applied.BackupTag), (run["kind"].AsString, run["status"].AsString, run["backup_tag"].AsString));
    }

    [Theory]
    [InlineData("collections:\n  users:\n    indexs: []\n", "s.yaml:3:5: unknown key 'indexs' for collection users; expected one of: validator, validation_level, validation_action, indexes, data, absent")]
    [InlineData("collections:\n  users:\n    validation_level: loose\n", "s.yaml:3:23: validation_level: expected one of strict, moderate, off, got 'loose'")]
    [InlineData("collections:\n  c:\n    data:\n      key: [code]\n      documents:\n        - { name: x }\n", "s.yaml:6:11: data for c: the document has no 'code', a field of its key")]
    [InlineData("collections:\n  c:\n    absent: true\n    indexes: []\n", "s.yaml:2:3: collection c is declared absent: it cannot also declare a validator, indexes or data")]
    [InlineData("collections:\n  c:\n    validator: { $nope: 1 }\n", "s.yaml:3:16: invalid MongoDB filter: unknown top level operator: $nope.")]
    [InlineData("version: 2\ncollections:\n  c:\n", "s.yaml:1:10: unsupported version; expected 1")]
    public void A_bad_schema_file_is_one_line_naming_where(string text, string message)
    {
        var error = Assert.Throws<UserInputException>(() => SchemaFile.Parse(text, "s.yaml"));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
