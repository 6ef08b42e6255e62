using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// Option values are checked and messages name the option: numbers in range, numbers that are numbers, and a value
/// option given no value (issues #21 and #23).
/// </summary>
public sealed class OptionValueTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public static TheoryData<string[], string> BadValues => new()
    {
        { ["transform", "--partitions", "-3"], "--partitions -3: expected a whole number of at least 1 (see ferry --help)" },
        { ["transform", "--partitions", "0"], "--partitions 0: expected a whole number of at least 1 (see ferry --help)" },
        { ["transform", "--batch-size", "0"], "--batch-size 0: expected a whole number of at least 1 (see ferry --help)" },
        { ["validate", "--samples", "-1"], "--samples -1: expected a whole number of at least 0 (see ferry --help)" },
        { ["backup", "create", "--parallel", "0"], "--parallel 0: expected a whole number of at least 1 (see ferry --help)" },
        { ["backup", "restore", "--parallel", "-2"], "--parallel -2: expected a whole number of at least 1 (see ferry --help)" },
        { ["migrate", "history", "--limit", "0"], "--limit 0: expected a whole number of at least 1 (see ferry --help)" },
        { ["eval", "--eval", "1", "--timeout", "abc"], "--timeout abc: expected a whole number (SECONDS)" },
        { ["transform", "--batch-size", "x"], "--batch-size x: expected a whole number (N)" },
        { ["transform", "--batch-size=99999999999"], "--batch-size 99999999999: expected a whole number (N)" },
        { ["export", "--uri", "file:x", "--db", "d", "--collection"], "--collection: expected a value (NAME)" },
        { ["export", "--collection", "--db", "d"], "--collection: expected a value (NAME)" },
        { ["doctor", "integrity", "--rules"], "--rules: expected a value (FILE)" },
        { ["transform"], "--rules: a rules file is required (YAML; see docs/transform.md) (see ferry --help)" },
        { ["transform", "--rules", "r.yaml"], "--source-db: the source database is required (see ferry --help)" },
        { ["transform", "--rules", "r.yaml", "--source-db", "a"], "--target-db: the target database is required (see ferry --help)" },
        { ["transform", "--rules", "r.yaml", "--source-uri", "file:x", "--source-db", "a", "--target-db", "a"], "--target-db: must differ from --source-db on the same store (a transform never rewrites its source) (see ferry --help)" },
        { ["transform", "--rules", "r.yaml", "--source-uri", "file:x", "--target-uri", "file:x", "--source-db", "a", "--target-db", "a"], "--target-db: must differ from --source-db on the same store (a transform never rewrites its source) (see ferry --help)" },
        { ["demo", "--size", "0"], "--size 0: expected a number of users from 1 to 100000000 (see ferry --help)" },
        { ["demo", "identify"], "--rules: the rules file with demo_markers is required (see ferry --help)" },
        { ["demo", "remove", "--rules", "r.yaml"], "--confirm: removing demo data deletes documents (after a verified backup); pass --confirm to proceed, or run ferry demo identify to see what would go (see ferry --help)" },
        { ["doctor", "integrity", "--dry-run"], "--dry-run: only means something with --fix (without --fix nothing is written anyway) (see ferry --help)" },
        { ["doctor", "integrity"], "--rules: a rules file is required (its unique keys and references say what to check), or validation: in ferry.yaml (see ferry --help)" },
        { ["doctor", "restore-quarantine"], "--run: the run id is required (printed by the run that quarantined the documents) (see ferry --help)" },
        { ["export"], "--collection: the collection to export is required (see ferry --help)" },
        { ["export", "--collection", "c", "--json"], "--json: needs --out FILE (without it, standard output carries the exported documents) (see ferry --help)" },
        { ["import", "--file", "f.jsonl"], "--collection: the collection to import into is required (see ferry --help)" },
        { ["import", "--collection", "c"], "--file: the file to import is required (see ferry --help)" },
        { ["import", "--collection", "c", "--file", "f.jsonl", "--mode", "merge"], "--mode merge: expected insert or upsert (see ferry --help)" },
        { ["validate"], "--rules: a rules file is required (YAML; see docs/validation.md), or validation: in ferry.yaml (see ferry --help)" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_option_value_is_exit_2_naming_the_option(string[] args, string expected)
    {
        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("error: " + expected, stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_refused_migrate_up_version_creates_no_lock_collection()
    {
        Directory.CreateDirectory(_cli.PathOf("migrations"));
        var (exit, _, stderr) = await CliHarness.RunSplitAsync("migrate", "up", "--uri", _cli.StoreUri, "--db", "d", "--dir", _cli.PathOf("migrations"), "--version", "777");

        Assert.Equal(2, exit);
        Assert.Contains("no migration 777", stderr, StringComparison.Ordinal);
        await using var store = await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(_cli.StoreUri);
        var collections = await store.GetDatabase("d").ListCollectionsAsync();
        Assert.DoesNotContain(collections, c => c.Name == Ferry.Core.Runs.DatabaseRunLock.CollectionName);
    }

    [Fact]
    public async Task Doctor_follows_FERRY_CLOCK_in_its_run_id_and_quarantine()
    {
        var lines = _cli.PathOf("users.json");
        await File.WriteAllTextAsync(lines, "{\"_id\": 1, \"email\": \"a@x\"}\n{\"_id\": 2, \"email\": \"a@x\"}\n");
        var (imported, output) = await CliHarness.RunAsync("import", "--uri", _cli.StoreUri, "--db", "d", "--collection", "users", "--file", lines);
        Assert.True(imported == 0, output);
        var rules = _cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, "version: 1\ncollections:\n  users:\n    unique: [email]\n");

        var (exit, stdout, stderr) = await CliHarness.RunProcessAsync(
            new Dictionary<string, string> { ["FERRY_CLOCK"] = "2026-06-01T12:00:00Z" },
            "doctor", "integrity", "--uri", _cli.StoreUri, "--db", "d", "--rules", rules, "--fix", "--json");

        Assert.True(exit == 0, stderr + stdout);
        var runId = BsonDocument.Parse(stdout)["runId"].AsString;
        Assert.StartsWith("doctor-20260601-120000-", runId, StringComparison.Ordinal);
        await using var store = await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(_cli.StoreUri);
        var quarantined = await store.GetDatabase("d").GetCollection("_ferry_quarantine").FindOneAsync(new BsonDocument("run_id", runId));
        Assert.NotNull(quarantined);
        Assert.Equal(new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc), quarantined["quarantined_at"].ToUniversalTime());
    }

    [Fact]
    public async Task Migrate_create_follows_FERRY_CLOCK_and_reports_ok_and_the_path()
    {
        var folder = _cli.PathOf("migrations");

        var (exit, stdout, stderr) = await CliHarness.RunProcessAsync(
            new Dictionary<string, string> { ["FERRY_CLOCK"] = "2026-06-01T12:00:00Z" },
            "migrate", "create", "add index", "--dir", folder, "--timestamp", "--json");

        Assert.True(exit == 0, stderr + stdout);
        var path = Path.Combine(folder, "20260601120000-add_index.js");
        Assert.Equal(new BsonDocument { { "ok", true }, { "path", path } }, BsonDocument.Parse(stdout));
        Assert.Contains("Created by ferry migrate create on 2026-06-01.", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
