namespace Ferry.Cli.Tests;

/// <summary>
/// Issue #12 item 3: every verb that opens a store finds it the same way. In a folder whose ferry.yaml names the store
/// and database, each verb works with no --uri and no --db (run as a real child process in that folder); and the
/// command line beats FERRY_URI/FERRY_DB, which beat ferry.yaml.
/// </summary>
public sealed class StoreFromConfigTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public StoreFromConfigTests()
    {
        File.WriteAllText(_cli.PathOf("ferry.yaml"), "uri: file:store\ndb: app\n");
        File.WriteAllText(_cli.PathOf("items.jsonl"), "{\"_id\": 1, \"name\": \"a\"}\n{\"_id\": 2, \"name\": \"b\"}\n{\"_id\": 3, \"name\": \"c\", \"is_demo\": true}\n");
        File.WriteAllText(_cli.PathOf("validation.yaml"), "collections:\n  items:\n    fields:\n      name: { required: true }\n");
        File.WriteAllText(_cli.PathOf("transform.yaml"), "demo_markers:\n  items: { is_demo: true }\ncollections:\n  items:\n    id: keep\n    fields:\n      name: $name\n");
        Directory.CreateDirectory(_cli.PathOf("migrations"));
        File.WriteAllText(_cli.PathOf("migrations/001_flag.js"), "module.exports = { async up(db) { await db.items.updateMany({}, { $set: { flag: true } }); }, async down(db) {} };\n");
    }

    public void Dispose() => _cli.Dispose();

    /// <summary>One row per verb that opens a store: its arguments (no --uri, no --db), and what shows it used ferry.yaml's store.</summary>
    [Theory]
    [InlineData("backup create --tag t1", "dir backups/t1")]
    [InlineData("backup restore --tag t0 --to-db restored", "count restored.items 3")]
    [InlineData("transform --rules transform.yaml --source-db app --target-db prod", "count prod.items 3")]
    [InlineData("validate --rules validation.yaml", "output all rules hold")]
    [InlineData("doctor integrity --rules validation.yaml", "output no integrity problems")]
    [InlineData("doctor restore-quarantine --run r1", "count app.items 4")]
    [InlineData("migrate status", "output 001")]
    [InlineData("runs list --json", "output \"runs\": [")]
    [InlineData("eval --eval db.items.countDocuments()", "output 3")]
    [InlineData("export --collection items", "output \"name\" : \"c\"")]
    [InlineData("import --collection imported --file items.jsonl", "count app.imported 3")]
    [InlineData("demo identify --rules transform.yaml", "output items")]
    [InlineData("demo remove --rules transform.yaml --confirm", "count app.items 2")]
    public async Task Every_verb_finds_the_store_and_database_in_ferry_yaml(string verb, string proof)
    {
        await SeedAsync();
        if (verb.StartsWith("backup restore", StringComparison.Ordinal))
        {
            Assert.Equal(0, (await CliHarness.RunAsync("backup", "create", "--uri", _cli.StoreUri, "--db", "app", "--tag", "t0", "--out", _cli.PathOf("backups"))).Exit);
        }

        if (verb.StartsWith("doctor restore-quarantine", StringComparison.Ordinal))
        {
            await _cli.SeedAsync("app", Ferry.Core.Quarantine.QuarantineStore.CollectionName, new MongoDB.Bson.BsonDocument
            {
                { "_id", Ferry.Core.Quarantine.QuarantineStore.KeyOf("r1", "app.items", 99) },
                { "run_id", "r1" }, { "ns", "app.items" }, { "collection", "items" }, { "reason", "test" },
                { "quarantined_at", DateTime.UnixEpoch }, { "restored_at", MongoDB.Bson.BsonNull.Value }, { "document", new MongoDB.Bson.BsonDocument("_id", 99) },
            });
        }

        var (exit, output) = await FerryProcess.RunAsync(_cli.Folder, null, verb.Split(' '));

        Assert.True(exit == 0, $"ferry {verb} exited {exit}: {output}");
        var (kind, expected) = (proof[..proof.IndexOf(' ', StringComparison.Ordinal)], proof[(proof.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        switch (kind)
        {
            case "dir":
                Assert.True(Directory.Exists(_cli.PathOf(expected)), $"{expected} is missing after ferry {verb}: {output}");
                break;
            case "count":
                var parts = expected.Split(' ');
                var ns = parts[0].Split('.');
                Assert.Equal(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), await _cli.CountAsync(ns[0], ns[1]));
                break;
            default:
                Assert.Contains(expected, OneLine(output), StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public async Task The_command_line_beats_FERRY_URI_which_beats_ferry_yaml()
    {
        await SeedAsync();
        var other = "file:" + _cli.PathOf("other");
        Assert.Equal(0, (await CliHarness.RunAsync("eval", "--uri", other, "--db", "app", "--eval", "db.items.insertOne({ _id: 9 })")).Exit);
        var environment = new Dictionary<string, string> { ["FERRY_URI"] = other };

        var fromFile = await FerryProcess.RunAsync(_cli.Folder, null, "eval", "--eval", "db.items.countDocuments()");
        var fromEnvironment = await FerryProcess.RunAsync(_cli.Folder, environment, "eval", "--eval", "db.items.countDocuments()");
        var fromCommandLine = await FerryProcess.RunAsync(_cli.Folder, environment, "eval", "--uri", _cli.StoreUri, "--eval", "db.items.countDocuments()");

        Assert.Equal((0, "3"), (fromFile.Exit, fromFile.Output.Trim()));
        Assert.Equal((0, "1"), (fromEnvironment.Exit, fromEnvironment.Output.Trim()));
        Assert.Equal((0, "3"), (fromCommandLine.Exit, fromCommandLine.Output.Trim()));
    }

    [Fact]
    public async Task FERRY_DB_beats_db_in_ferry_yaml_and_backup_create_takes_the_projects_database()
    {
        await SeedAsync();
        Assert.Equal(0, (await CliHarness.RunAsync("import", "--uri", _cli.StoreUri, "--db", "other", "--collection", "items", "--file", _cli.PathOf("items.jsonl"))).Exit);

        var fromEnvironment = await FerryProcess.RunAsync(_cli.Folder, new Dictionary<string, string> { ["FERRY_DB"] = "other" }, "backup", "create", "--tag", "env", "--json");
        var fromFile = await FerryProcess.RunAsync(_cli.Folder, null, "backup", "create", "--tag", "file", "--json");
        var all = await FerryProcess.RunAsync(_cli.Folder, null, "backup", "create", "--tag", "all", "--db", "all", "--json");

        Assert.Equal(0, fromEnvironment.Exit);
        Assert.Equal(["other"], Directory.GetDirectories(_cli.PathOf("backups/env")).Select(Path.GetFileName));
        Assert.Equal(0, fromFile.Exit);
        Assert.Equal(["app"], Directory.GetDirectories(_cli.PathOf("backups/file")).Select(Path.GetFileName));
        Assert.Equal(0, all.Exit);
        Assert.Equal(["app", "other"], Directory.GetDirectories(_cli.PathOf("backups/all")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_ferry_yaml_or_FERRY_URI_every_way_to_give_the_store_is_named()
    {
        File.Delete(_cli.PathOf("ferry.yaml"));

        var (exit, output) = await FerryProcess.RunAsync(_cli.Folder, null, "backup", "create", "--tag", "t1");

        Assert.Equal(2, exit);
        Assert.Equal("error: --uri: no store given; pass --uri file:PATH or mongodb://HOST, set FERRY_URI, or write uri: in ferry.yaml", OneLine(output));
        Assert.False(Directory.Exists(_cli.PathOf("backups")));
    }

    [Fact]
    public async Task Demo_remove_backs_up_to_backups_in_ferry_yaml_and_doctor_integrity_reads_validation_in_ferry_yaml()
    {
        await SeedAsync();
        File.AppendAllText(_cli.PathOf("ferry.yaml"), "backups: kept\nvalidation: validation.yaml\n");
        await CliHarness.RunAsync("eval", "--uri", _cli.StoreUri, "--db", "app", "--eval", "db.items.insertOne({ _id: 4 })");

        var (removeExit, removeOutput) = await FerryProcess.RunAsync(_cli.Folder, null, "demo", "remove", "--rules", "transform.yaml", "--confirm");
        var (doctorExit, doctorOutput) = await FerryProcess.RunAsync(_cli.Folder, null, "doctor", "integrity");
        var (validateExit, validateOutput) = await FerryProcess.RunAsync(_cli.Folder, null, "validate");

        Assert.True(removeExit == 0, removeOutput);
        Assert.Single(Directory.GetDirectories(_cli.PathOf("kept")));
        Assert.False(Directory.Exists(_cli.PathOf("backups")));
        Assert.Equal((0, "no integrity problems"), (doctorExit, OneLine(doctorOutput)));
        Assert.Equal(1, validateExit); // item 4 has no name: validation.yaml from ferry.yaml was applied
        Assert.Contains("name", validateOutput, StringComparison.Ordinal);
    }

    /// <summary>The output with the console's line wrapping (80 columns when redirected) undone.</summary>
    private static string OneLine(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ").Trim();

    /// <summary>The store ferry.yaml names, with three items (one marked as demo data).</summary>
    private async Task SeedAsync() =>
        Assert.Equal(0, (await CliHarness.RunAsync("import", "--uri", _cli.StoreUri, "--db", "app", "--collection", "items", "--file", _cli.PathOf("items.jsonl"))).Exit);
}
