using System.Text.Json.Nodes;
using Ferry.Cli.Infrastructure;
using Ferry.Cli.Tests.Notifications;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Monitor;

/// <summary><c>ferry monitor</c>: following a real transform in another process to its end, and the exit codes.</summary>
public class MonitorCommandTests
{
    [Fact]
    public async Task Monitor_follows_a_transform_running_in_another_process_to_its_end()
    {
        using var fixture = await TransformFixture.CreateAsync("{}\n", size: 300);
        using var transform = FerryProcess.Start(fixture.TransformArgs("prod", "--batch-size", "10", "--partitions", "1"), null, fixture.Folder);
        Assert.True(await transform.WhenAsync(async () => await RunningRunAsync(fixture.Uri) is not null), "the transform ended before its run was seen running");
        var runId = await RunningRunAsync(fixture.Uri);

        using var monitor = FerryProcess.Start(["monitor", "--uri", fixture.Uri, "--db", "prod", "--interval", "0.1", "--json"], null, fixture.Folder);
        var followed = await monitor.WaitAsync(TimeSpan.FromMinutes(3));
        var transformed = await transform.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(transformed.Exit == 0, transformed.Text);
        Assert.True(followed.Exit == 0, followed.Text);
        var lines = followed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.True(lines.Count >= 2, followed.Stdout);
        Assert.All(lines, l => Assert.Equal(runId, l["run"]!.GetValue<string>()));
        Assert.Equal("running", lines[0]["status"]!.GetValue<string>());
        Assert.All(lines[..^1], l => Assert.Equal("running", l["status"]!.GetValue<string>()));
        Assert.Equal("completed", lines[^1]["status"]!.GetValue<string>());
        var processed = lines.Select(l => l["processed"]!.GetValue<long>()).ToList();
        Assert.Equal(processed.Order(), processed);

        // The last line is the run's end as the transform reported it.
        var result = TransformFixture.Result(transformed);
        var last = lines[^1];
        Assert.Equal(result["collections"]!.AsArray().Sum(c => c!["processed"]!.GetValue<long>()), last["processed"]!.GetValue<long>());
        Assert.Equal(result["collections"]!.AsArray().Sum(c => c!["quarantined"]!.GetValue<long>()), last["quarantined"]!.GetValue<long>());
        Assert.All(last["collections"]!.AsArray(), c =>
        {
            Assert.Equal(c!["total"]!.GetValue<long>(), c["processed"]!.GetValue<long>());
            Assert.Equal(0, c["eta_s"]!.GetValue<double>());
        });
        Assert.Equal(0, last["errors"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_run_that_did_not_complete_ends_the_monitor_with_exit_1_and_a_line_saying_why()
    {
        using var cli = new CliHarness();
        await JournalAsync(cli, "r-failed", RunStatus.Failed, "users: the target rejected a batch");

        var (exit, stdout, _) = await CliHarness.RunSplitAsync("monitor", "r-failed", "--uri", cli.StoreUri, "--db", "app");

        Assert.Equal(1, exit);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("migrate run r-failed failed (users: the target rejected a batch) after", line, StringComparison.Ordinal);
        Assert.Contains("users 40/100 (40%)", line, StringComparison.Ordinal);
        Assert.Contains("errors 0, quarantined 3", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_run_is_one_json_line_and_exit_0()
    {
        using var cli = new CliHarness();
        await JournalAsync(cli, "r-done", RunStatus.Completed);

        var (exit, stdout, _) = await CliHarness.RunSplitAsync("monitor", "r-done", "--uri", cli.StoreUri, "--db", "app", "--json");

        Assert.Equal(0, exit);
        var line = JsonNode.Parse(Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)))!.AsObject();
        Assert.Equal("completed", line["status"]!.GetValue<string>());
        Assert.Equal("migrate", line["kind"]!.GetValue<string>());
        Assert.Equal(40, line["processed"]!.GetValue<long>());
        Assert.Equal(100, line["total"]!.GetValue<long>());
        Assert.Equal("users", line["collections"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(40.0, line["collections"]![0]!["percentage"]!.GetValue<double>());
    }

    [Fact]
    public async Task Without_a_running_run_monitor_says_so_and_exits_2()
    {
        using var cli = new CliHarness();
        await JournalAsync(cli, "r-done", RunStatus.Completed);

        var (exit, output) = await CliHarness.RunAsync("monitor", "--uri", cli.StoreUri, "--db", "app");
        var (unknown, unknownOutput) = await CliHarness.RunAsync("monitor", "r-nope", "--uri", cli.StoreUri, "--db", "app");

        Assert.Equal(2, exit);
        Assert.Contains("no running run in app._ferry_runs; name one (ferry monitor RUN; see ferry runs list)", output, StringComparison.Ordinal);
        Assert.Equal(2, unknown);
        Assert.Contains("no run 'r-nope' in app._ferry_runs", unknownOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interval_out_of_range_is_refused_with_exit_2()
    {
        var (exit, output) = await CliHarness.RunAsync("monitor", "--uri", "file:/nonexistent", "--db", "app", "--interval", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--interval 0: expected a number of seconds from 0.05 to 3600", output, StringComparison.Ordinal);
    }

    private static async Task JournalAsync(CliHarness cli, string runId, string status, string? reason = null)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(cli.StoreUri);
        var journal = new RunJournal(store.GetDatabase("app"));
        await journal.StartAsync(runId, "migrate", new BsonDocument());
        await journal.ProgressAsync(runId, "users", new CollectionProgress(40, 100, 37, 3), new BsonDocument());
        await journal.FinishAsync(runId, status, reason);
    }

    private static async Task<string?> RunningRunAsync(string uri)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(uri);
        await foreach (var run in new RunJournal(store.GetDatabase("prod")).ListAsync())
        {
            if (run["status"].AsString == RunStatus.Running)
            {
                return run["_id"].AsString;
            }
        }

        return null;
    }
}
