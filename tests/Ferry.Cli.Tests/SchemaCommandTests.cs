using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// <c>ferry schema diff|apply</c>: exit 1 while the store differs and 0 once it matches, an idempotent apply, drops
/// refused without --allow-drop (exit 2, nothing changed), bad files exit 2 with one line, and a difference written as
/// a migration that migrate up applies and migrate down undoes.
/// </summary>
public class SchemaCommandTests
{
    private const string Schema = """
        version: 1
        collections:
          users:
            validator: { $jsonSchema: { bsonType: object, required: [email] } }
            indexes:
              - { name: email_unique, key: { email: 1 }, unique: true }
          plans:
            data:
              key: [_id]
              documents:
                - { _id: free, seats: 1 }
                - { _id: team, seats: 10 }
        """;

    private static string Sample => Path.Combine(Plans.PlanFixture.SamplesFolder, "schema.yaml");

    [Fact]
    public async Task Diff_exits_1_until_apply_makes_the_store_match_and_a_second_apply_changes_nothing()
    {
        using var cli = new CliHarness();
        var file = cli.PathOf("schema.yaml");
        await File.WriteAllTextAsync(file, Schema);

        var (drift, driftJson) = await CliHarness.RunAsync("schema", "diff", file, "--uri", cli.StoreUri, "--db", "app", "--json");
        Assert.True(drift == 1, driftJson);
        var diff = BsonDocument.Parse(driftJson);
        Assert.Equal(["create_collection", "create_collection", "create_index", "upsert_document", "upsert_document"],
            diff["changes"].AsBsonArray.Select(c => c["action"].AsString));
        Assert.False(diff["in_sync"].AsBoolean);

        var (applied, appliedOutput) = await CliHarness.RunAsync("schema", "apply", file, "--uri", cli.StoreUri, "--db", "app");
        Assert.True(applied == 0, appliedOutput);
        Assert.Contains("applied 5 change(s)", appliedOutput, StringComparison.Ordinal);

        var (again, againJson) = await CliHarness.RunAsync("schema", "apply", file, "--uri", cli.StoreUri, "--db", "app", "--json");
        Assert.True(again == 0, againJson);
        Assert.Equal((true, false, 0), (BsonDocument.Parse(againJson)["in_sync"].AsBoolean, BsonDocument.Parse(againJson)["applied"].AsBoolean, BsonDocument.Parse(againJson)["changes"].AsBsonArray.Count));
        Assert.Equal(0, (await CliHarness.RunAsync("schema", "diff", file, "--uri", cli.StoreUri, "--db", "app")).Exit);
        Assert.Equal(2L, await cli.CountAsync("app", "plans"));
    }

    [Fact]
    public async Task The_guides_sample_schema_applies_to_an_empty_store()
    {
        using var cli = new CliHarness();
        var (exit, output) = await CliHarness.RunAsync("schema", "apply", Sample, "--uri", cli.StoreUri, "--db", "inframind_prod");
        Assert.True(exit == 0, output);
        Assert.Equal(0, (await CliHarness.RunAsync("schema", "diff", Sample, "--uri", cli.StoreUri, "--db", "inframind_prod")).Exit);
    }

    [Fact]
    public async Task A_drop_without_allow_drop_exits_2_and_changes_nothing()
    {
        using var cli = new CliHarness();
        var file = cli.PathOf("schema.yaml");
        await File.WriteAllTextAsync(file, Schema);
        await CliHarness.RunAsync("schema", "apply", file, "--uri", cli.StoreUri, "--db", "app");
        await File.WriteAllTextAsync(file, Schema.Replace("- { name: email_unique, key: { email: 1 }, unique: true }", "[]", StringComparison.Ordinal).Replace("indexes:\n      []", "indexes: []", StringComparison.Ordinal));

        var (exit, output) = await CliHarness.RunAsync("schema", "apply", file, "--uri", cli.StoreUri, "--db", "app", "--backups", cli.PathOf("backups"));

        Assert.True(exit == 2, output);
        Assert.Contains("1 change(s) would drop data or indexes (drop index email_unique", OneLine(output), StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", OneLine(output), StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.PathOf("backups")));

        var (dropped, droppedOutput) = await CliHarness.RunAsync("schema", "apply", file, "--uri", cli.StoreUri, "--db", "app", "--backups", cli.PathOf("backups"), "--allow-drop");
        Assert.True(dropped == 0, droppedOutput);
        Assert.Contains("verified first", droppedOutput, StringComparison.Ordinal);
        Assert.Single(Directory.GetDirectories(cli.PathOf("backups")), d => !Path.GetFileName(d).StartsWith('.'));
    }

    [Theory]
    [InlineData("collections:\n  users:\n    indexs: []\n", "schema.yaml:3:5: unknown key 'indexs' for collection users")]
    [InlineData("collections: []\n", "schema.yaml:1:14: 'collections:' mapping each collection name to its declaration")]
    public async Task A_bad_schema_file_exits_2_with_one_line_and_opens_no_store(string text, string message)
    {
        using var cli = new CliHarness();
        var file = cli.PathOf("schema.yaml");
        await File.WriteAllTextAsync(file, text);

        var (exit, output) = await CliHarness.RunAsync("schema", "apply", file, "--uri", cli.StoreUri, "--db", "app");

        Assert.Equal(2, exit);
        Assert.Contains(message, OneLine(output), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.PathOf("store")));
    }

    [Fact]
    public async Task A_difference_emitted_as_a_migration_is_applied_by_migrate_up_and_undone_by_migrate_down()
    {
        using var cli = new CliHarness();
        var before = cli.PathOf("before.yaml");
        var after = cli.PathOf("after.yaml");
        var migrations = cli.PathOf("migrations");
        await File.WriteAllTextAsync(before, Schema);
        await File.WriteAllTextAsync(after, Schema
            .Replace("required: [email]", "required: [email, created_at]", StringComparison.Ordinal)
            .Replace("- { _id: team, seats: 10 }", "- { _id: team, seats: 25 }\n        - { _id: scale, seats: 9223372036854775807 }", StringComparison.Ordinal)
            .Replace("unique: true }", "unique: true }\n      - { name: created_idx, key: { created_at: -1 } }", StringComparison.Ordinal));
        await CliHarness.RunAsync("schema", "apply", before, "--uri", cli.StoreUri, "--db", "app");

        var (emitted, emittedJson) = await CliHarness.RunAsync("schema", "diff", after, "--uri", cli.StoreUri, "--db", "app", "--emit-migration", "users need created_at", "--dir", migrations, "--json");
        Assert.True(emitted == 1, emittedJson);
        var file = BsonDocument.Parse(emittedJson)["migration_file"].AsString;
        Assert.Equal("001_users_need_created_at.js", Path.GetFileName(file));
        Assert.Equal(1, (await CliHarness.RunAsync("schema", "diff", after, "--uri", cli.StoreUri, "--db", "app")).Exit); // emitting changes nothing

        var (up, upOutput) = await CliHarness.RunAsync("migrate", "up", "--uri", cli.StoreUri, "--db", "app", "--dir", migrations, "--no-backup");
        Assert.True(up == 0, upOutput + File.ReadAllText(file));
        var (inSync, inSyncOutput) = await CliHarness.RunAsync("schema", "diff", after, "--uri", cli.StoreUri, "--db", "app");
        Assert.True(inSync == 0, inSyncOutput + File.ReadAllText(file));
        var (_, seats) = await CliHarness.RunAsync("eval", "--uri", cli.StoreUri, "--db", "app", "--eval", "typeof db.plans.findOne({ _id: 'scale' }).seats");
        Assert.Equal("object", seats.Trim()); // an Int64 (mongosh's Long), not a rounded double

        var (down, downOutput) = await CliHarness.RunAsync("migrate", "down", "--version", "001", "--uri", cli.StoreUri, "--db", "app", "--dir", migrations);
        Assert.True(down == 0, downOutput);
        var (back, backOutput) = await CliHarness.RunAsync("schema", "diff", before, "--uri", cli.StoreUri, "--db", "app");
        Assert.True(back == 0, backOutput);
    }

    // The test console wraps long lines at its width; the message is one line on a terminal.
    private static string OneLine(string output) => System.Text.RegularExpressions.Regex.Replace(output.Trim(), @"\s+", " ");
}
