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

    public void Dispose() => _cli.Dispose();
}
