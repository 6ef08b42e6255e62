using System.Text.RegularExpressions;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Demo.Workflow;
using Microsoft.Data.Sqlite;

namespace Ferry.Cli.Tests;

/// <summary>
/// Concurrent writers as real processes, beyond the pairs in <see cref="RunLockTests"/>: a restore into a database a
/// transform is writing is refused by the lock (nothing restored) and the transform's result is untouched; two
/// processes writing the same embedded database file at once both succeed and leave it intact
/// (<c>PRAGMA integrity_check</c>).
/// </summary>
public class ConcurrentWriterTests
{
    [Fact]
    public async Task A_restore_into_the_database_a_transform_is_writing_is_refused_and_the_transform_ends_as_alone()
    {
        using var cli = new CliHarness();
        var dir = cli.PathOf("demo");
        var (seeded, output) = await CliHarness.RunAsync("demo", "--dir", dir, "--size", "400", "--seed", "7");
        Assert.True(seeded == 0, output);
        var uri = "file:" + Path.Combine(dir, "data");
        var rules = cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, SampleRules.Read(SampleRules.DemoToProduction).Replace("cost: 10", "cost: 6", StringComparison.Ordinal));
        var backups = cli.PathOf("backups");
        Assert.Equal(0, (await CliHarness.RunAsync("backup", "create", "--uri", uri, "--db", "inframind_demo", "--tag", "demo", "--out", backups)).Exit);
        string[] Transform(string target) => ["transform", "--rules", rules, "--source-uri", uri, "--source-db", "inframind_demo", "--target-db", target, "--batch-size", "20", "--partitions", "2"];
        using (var alone = FerryProcess.Start(Transform("alone")))
        {
            Assert.Equal(0, (await alone.WaitAsync()).Exit);
        }

        using var transform = FerryProcess.Start(Transform("prod"));
        Assert.True(await transform.WhenAsync(async () => await CountAsync(uri, "prod", DatabaseRunLock.CollectionName) > 0), "the transform ended before it held the lock");
        using var restore = FerryProcess.Start(["backup", "restore", "--uri", uri, "--tag", "demo", "--out", backups, "--to-db", "prod", "--upsert"]);
        var refused = await restore.WaitAsync();

        Assert.False(transform.HasExited, "the transform finished before the restore was refused: the test proves nothing");
        Assert.Equal(1, refused.Exit);
        Assert.Matches(@"^error: prod: another run holds the lock: transform run transform-\S+ ", Regex.Replace(refused.Stderr.Trim(), @"\s*\r?\n", " "));
        Assert.Equal(0, (await transform.WaitAsync()).Exit);
        foreach (var name in new[] { "users", "assessments", "reports", "workflow_states", "agent_metrics", "configuration" })
        {
            Assert.Equal(await CountAsync(uri, "alone", name), await CountAsync(uri, "prod", name));
        }
    }

    [Fact]
    public async Task Two_processes_writing_one_embedded_database_file_both_succeed_and_leave_it_intact()
    {
        using var cli = new CliHarness();
        var uri = "file:" + cli.PathOf("store");
        string[] Writer(int process) =>
            ["eval", "--uri", uri, "--db", "app", "--eval", $"for (let i = 0; i < 300; i++) {{ db.events.insertOne({{ process: {process}, i: i }}); }}"];
        using var first = FerryProcess.Start(Writer(1));
        using var second = FerryProcess.Start(Writer(2));
        var outcomes = await Task.WhenAll(first.WaitAsync(), second.WaitAsync());

        Assert.All(outcomes, o => Assert.True(o.Exit == 0, o.Text));
        Assert.Equal(600, await CountAsync(uri, "app", "events"));
        var file = Directory.GetFiles(cli.PathOf("store"), "app.*").Single(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    private static async Task<long> CountAsync(string uri, string db, string collection)
    {
        await using var store = await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(uri);
        return await store.GetDatabase(db).GetCollection(collection).CountAsync();
    }
}
