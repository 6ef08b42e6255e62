using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary><c>ferry health</c>: one line per check, exit 0 healthy / 1 a check failed / 2 bad input; endpoints from ferry.yaml.</summary>
public class HealthCommandTests
{
    [Fact]
    public async Task A_healthy_store_exits_0_with_one_line_per_check()
    {
        using var cli = new CliHarness();
        await cli.SeedAsync("app", "users", new BsonDocument { { "_id", 1 } });

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("health", "--uri", cli.StoreUri, "--db", "app", "--check", "connectivity,server,lock");

        Assert.True(exit == 0, stdout + stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ok   connectivity: ping answered", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("ok   server: embedded", lines[1], StringComparison.Ordinal);
        Assert.Equal("ok   lock: no run holds app's lock", lines[2]);
    }

    [Fact]
    public async Task An_unreachable_store_exits_1_and_the_json_says_why()
    {
        var (exit, stdout, _) = await CliHarness.RunSplitAsync("health", "--uri", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300", "--db", "app", "--json");

        Assert.Equal(1, exit);
        var report = BsonDocument.Parse(stdout);
        Assert.False(report["healthy"].AsBoolean);
        var checks = report["checks"].AsBsonArray.Select(c => $"{c["status"]} {c["name"]}");
        Assert.Equal(["fail connectivity", "skip server", "skip disk", "skip migrations", "skip lock", "skip backup"], checks);
        Assert.Contains("no MongoDB server answered at 127.0.0.1:1", report["checks"][0]["message"].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_and_a_full_disk_threshold_exit_1()
    {
        using var cli = new CliHarness();
        await cli.SeedAsync("app", "users", new BsonDocument { { "_id", 1 } });
        await File.WriteAllTextAsync(Path.Combine(cli.PathOf("store"), "junk.ferrydb"), new string('x', 8192));

        var (exit, stdout, _) = await CliHarness.RunSplitAsync("health", "--uri", cli.StoreUri, "--check", "server,disk", "--min-free", "1000000TB");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL server: embedded", stdout, StringComparison.Ordinal);
        Assert.Contains("junk.ferrydb: error 26: 'file is not a database'", stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL disk: data ", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--check", "vibes", "--check vibes: unknown check; expected some of connectivity, server, disk, migrations, lock, backup, endpoints")]
    [InlineData("--min-free", "lots", "--min-free lots: expected a size such as 500MB or 10GB")]
    [InlineData("--max-backup-age", "old", "--max-backup-age old: expected a duration such as 30m, 12h or 1d")]
    public async Task Bad_options_exit_2_with_one_line(string option, string value, string message)
    {
        using var cli = new CliHarness();
        var (exit, _, stderr) = await CliHarness.RunSplitAsync("health", "--uri", cli.StoreUri, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_come_from_ferry_yaml_and_a_bad_one_is_bad_input_naming_the_line()
    {
        using var cli = new CliHarness();
        var config = cli.PathOf("ferry.yaml");
        await File.WriteAllTextAsync(config, $"uri: {cli.StoreUri}\nhealth:\n  endpoints:\n    - {{ tcp: 127.0.0.1:1 }}\n");
        var environment = new Dictionary<string, string> { ["FERRY_CONFIG"] = config };

        var (exit, stdout, _) = await CliHarness.RunProcessAsync(environment, "health", "--check", "endpoints");
        Assert.Equal(1, exit);
        Assert.Contains("FAIL endpoint tcp://127.0.0.1:1:", stdout, StringComparison.Ordinal);

        await File.WriteAllTextAsync(config, $"uri: {cli.StoreUri}\nhealth:\n  endpoints:\n    - {{ url: ftp://x }}\n");
        var (badExit, _, stderr) = await CliHarness.RunProcessAsync(environment, "health", "--check", "endpoints");
        Assert.Equal(2, badExit);
        Assert.Contains("ferry.yaml:4:", stderr, StringComparison.Ordinal);
        Assert.Contains("url ftp://x: expected an http:// or https:// URL", stderr, StringComparison.Ordinal);
    }
}
