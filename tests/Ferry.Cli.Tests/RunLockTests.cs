using System.Text.RegularExpressions;
using Ferry.Core.Migrations;
using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Demo.Workflow;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// The database run lock between real <c>ferry</c> processes: two data-changing runs on one database never
/// interleave — the second is refused with one message naming the holder (exit 1, nothing written), or waits with
/// <c>--wait</c>; a SIGKILLed holder's lock is taken over after its lease, or removed with <c>--force-unlock</c>.
/// </summary>
public class RunLockTests
{
    private static readonly string[] Collections = ["users", "assessments", "reports", "workflow_states", "agent_metrics", "configuration"];

    [Fact]
    public async Task Two_transforms_into_one_target_at_once_run_once_the_other_is_refused_and_writes_nothing()
    {
        using var cli = new CliHarness();
        var (uri, rules) = await SeedAsync(cli);
        using var single = FerryProcess.Start(Transform(uri, rules, "single"));
        Assert.Equal(0, (await single.WaitAsync()).Exit);

        using var first = FerryProcess.Start(Transform(uri, rules, "contested"));
        using var second = FerryProcess.Start(Transform(uri, rules, "contested"));
        var outcomes = await Task.WhenAll(first.WaitAsync(), second.WaitAsync());

        Assert.Equal([0, 1], outcomes.Select(o => o.Exit).Order());
        var refused = outcomes.Single(o => o.Exit == 1);
        Assert.Matches(@"^error: contested: another run holds the lock: transform run transform-\d{8}-\d{6}-[0-9a-f]{6} of \S+@\S+ \(pid \d+\) since \S+ \S+, lease until \S+ \S+; wait for it with --wait \[SECONDS\], or if that process is gone, rerun with --force-unlock \(a live run would then go on unprotected\)$", Joined(refused.Stderr));
        await using var store = await OpenAsync(uri);
        var contested = store.GetDatabase("contested");
        Assert.Equal(1, await contested.GetCollection(RunJournal.CollectionName).CountAsync()); // the refused run left no journal entry
        Assert.Equal(0, await contested.GetCollection(DatabaseRunLock.CollectionName).CountAsync()); // released at the end
        foreach (var name in Collections.Append(QuarantineStore.CollectionName))
        {
            Assert.Equal(await store.GetDatabase("single").GetCollection(name).CountAsync(), await contested.GetCollection(name).CountAsync());
        }
    }

    [Fact]
    public async Task Migrate_up_during_a_transform_is_refused_and_with_wait_runs_once_the_transform_is_done()
    {
        using var cli = new CliHarness();
        var (uri, rules) = await SeedAsync(cli);
        var migrations = cli.PathOf("migrations");
        SampleRules.WriteMigrations(migrations);
        string[] MigrateUp(params string[] more) => ["migrate", "up", "--uri", uri, "--db", "prod", "--dir", migrations, "--no-backup", .. more];

        using var transform = FerryProcess.Start(Transform(uri, rules, "prod"));
        Assert.True(await transform.WhenAsync(() => LockHeldAsync(uri, "prod")), "the transform ended before it was seen holding the lock");

        using var refused = FerryProcess.Start(MigrateUp());
        var (exit, _, stderr) = await refused.WaitAsync();
        Assert.False(transform.HasExited, "the transform finished before migrate up was refused: the test proves nothing; give it more data");
        Assert.Equal(1, exit);
        Assert.Matches(@"^error: prod: another run holds the lock: transform run transform-\S+ of \S+@\S+ \(pid " + transform.Id + @"\) since .*--force-unlock", Joined(stderr));
        Assert.Equal(0, await CountAsync(uri, "prod", MigrationChangelog.CollectionName));

        using var waiting = FerryProcess.Start(MigrateUp("--wait", "300"));
        var transformed = await transform.WaitAsync();
        Assert.Equal(0, transformed.Exit);
        var migrated = await waiting.WaitAsync();
        Assert.True(migrated.Exit == 0, migrated.Stdout + migrated.Stderr);
        Assert.Contains("prod: at version 002, 0 pending", Joined(migrated.Stdout));

        // It ran after the transform, so every user the transform wrote got the new field.
        await using var store = await OpenAsync(uri);
        var users = store.GetDatabase("prod").GetCollection("users");
        Assert.Equal(400, await users.CountAsync());
        Assert.Equal(400, await users.CountAsync(new BsonDocument("profile.timezone", new BsonDocument("$exists", true))));
    }

    [Fact]
    public async Task Two_doctor_fixes_at_once_one_is_refused_and_the_quarantine_equals_a_single_runs()
    {
        using var cli = new CliHarness();
        var single = await SeedAsync(cli, "single");
        var contested = await SeedAsync(cli, "contested");
        var rules = cli.PathOf("validation.yaml");
        await File.WriteAllTextAsync(rules, SampleRules.Read(SampleRules.Validation));
        string[] Fix(string uri) => ["doctor", "integrity", "--uri", uri, "--db", "inframind_demo", "--rules", rules, "--fix"];
        using var alone = FerryProcess.Start(Fix(single.Uri));
        Assert.Equal(0, (await alone.WaitAsync()).Exit);

        using var first = FerryProcess.Start(Fix(contested.Uri));
        using var second = FerryProcess.Start(Fix(contested.Uri));
        var outcomes = await Task.WhenAll(first.WaitAsync(), second.WaitAsync());

        Assert.Equal([0, 1], outcomes.Select(o => o.Exit).Order());
        Assert.Matches(@"^error: inframind_demo: another run holds the lock: doctor integrity --fix run doctor-\S+ of .*--force-unlock", Joined(outcomes.Single(o => o.Exit == 1).Stderr));
        Assert.DoesNotContain("Write batch sizes", outcomes.Single(o => o.Exit == 1).Stderr);
        var expected = await CountAsync(single.Uri, "inframind_demo", QuarantineStore.CollectionName);
        Assert.True(expected > 0);
        Assert.Equal(expected, await CountAsync(contested.Uri, "inframind_demo", QuarantineStore.CollectionName));
    }

    [Fact]
    public async Task A_sigkilled_transforms_lock_is_taken_over_once_its_lease_has_passed()
    {
        using var cli = new CliHarness();
        var (uri, rules) = await SeedAsync(cli);
        var shortLease = new Dictionary<string, string> { [RunLockOptions.LeaseVariable] = "3" };
        using (var killed = FerryProcess.Start(Transform(uri, rules, "killed"), shortLease))
        {
            Assert.True(await killed.WhenAsync(async () => await CountAsync(uri, "killed", "users") >= 100));
            await killed.KillAsync();
        }

        var (runId, holder) = await RunAndLockAsync(uri, "killed");
        Assert.Equal(holder["run"].AsString, runId);
        while (holder["expiresAt"].ToUniversalTime() >= DateTime.UtcNow)
        {
            await Task.Delay(100); // the lease (3 s) runs out: nobody renews it
        }

        using var resume = FerryProcess.Start([.. Transform(uri, rules, "killed"), "--resume", runId]);
        var (exit, stdout, stderr) = await resume.WaitAsync();

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains($"took over the stale lock of killed held by transform run {runId} of ", Joined(stderr));
        Assert.Equal(RunStatus.Completed, await StatusAsync(uri, "killed", runId));
        Assert.Equal(0, await CountAsync(uri, "killed", DatabaseRunLock.CollectionName));
    }

    [Fact]
    public async Task A_sigkilled_holders_lock_refuses_until_force_unlock_removes_it()
    {
        using var cli = new CliHarness();
        var (uri, rules) = await SeedAsync(cli);
        int killedPid;
        using (var killed = FerryProcess.Start(Transform(uri, rules, "stuck")))
        {
            killedPid = killed.Id;
            Assert.True(await killed.WhenAsync(async () => await CountAsync(uri, "stuck", "users") >= 100));
            await killed.KillAsync();
        }

        var (runId, _) = await RunAndLockAsync(uri, "stuck");
        using var refused = FerryProcess.Start([.. Transform(uri, rules, "stuck"), "--resume", runId]);
        var (exit, _, stderr) = await refused.WaitAsync();
        Assert.Equal(1, exit);
        Assert.StartsWith($"error: stuck: another run holds the lock: transform run {runId} of ", Joined(stderr));
        Assert.Contains($"(pid {killedPid})", Joined(stderr));
        Assert.Equal(RunStatus.Running, await StatusAsync(uri, "stuck", runId)); // the refused resume did not touch the run

        using var forced = FerryProcess.Start([.. Transform(uri, rules, "stuck"), "--resume", runId, "--force-unlock"]);
        var outcome = await forced.WaitAsync();

        Assert.True(outcome.Exit == 0, outcome.Stdout + outcome.Stderr);
        Assert.Contains($"removed the lock of stuck held by transform run {runId} of ", Joined(outcome.Stderr));
        Assert.Equal(RunStatus.Completed, await StatusAsync(uri, "stuck", runId));
        Assert.Equal(0, await CountAsync(uri, "stuck", DatabaseRunLock.CollectionName));
    }

    private static string[] Transform(string uri, string rules, string target) =>
        ["transform", "--rules", rules, "--source-uri", uri, "--source-db", "inframind_demo", "--target-db", target, "--batch-size", "20", "--partitions", "2"];

    /// <summary>A seeded demo store (400 users, fixed seed) and cheap transform rules (bcrypt cost 6).</summary>
    private static async Task<(string Uri, string Rules)> SeedAsync(CliHarness cli, string name = "demo")
    {
        var dir = cli.PathOf(name);
        var (exit, output) = await CliHarness.RunAsync("demo", "--dir", dir, "--size", "400", "--seed", "7");
        Assert.True(exit == 0, output);
        var rules = cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, SampleRules.Read(SampleRules.DemoToProduction).Replace("cost: 10", "cost: 6", StringComparison.Ordinal));
        return ("file:" + Path.Combine(dir, "data"), rules);
    }

    /// <summary>The output with the console's line wrapping undone (a redirected console wraps at 80 columns).</summary>
    private static string Joined(string output) => Regex.Replace(output.Trim(), @"\s*\r?\n", " ");

    private static async Task<IDocumentStore> OpenAsync(string uri) => await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(uri);

    private static async Task<long> CountAsync(string uri, string db, string collection)
    {
        await using var store = await OpenAsync(uri);
        return await store.GetDatabase(db).GetCollection(collection).CountAsync();
    }

    private static async Task<bool> LockHeldAsync(string uri, string db) => await CountAsync(uri, db, DatabaseRunLock.CollectionName) > 0;

    private static async Task<(string RunId, BsonDocument Lock)> RunAndLockAsync(string uri, string db)
    {
        await using var store = await OpenAsync(uri);
        var database = store.GetDatabase(db);
        string? runId = null;
        await foreach (var run in new RunJournal(database).ListAsync())
        {
            runId = run["_id"].AsString;
        }

        var held = await database.GetCollection(DatabaseRunLock.CollectionName).FindOneAsync(new BsonDocument("_id", DatabaseRunLock.LockId));
        return (runId!, held!);
    }

    private static async Task<string> StatusAsync(string uri, string db, string runId)
    {
        await using var store = await OpenAsync(uri);
        return (await new RunJournal(store.GetDatabase(db)).GetAsync(runId))!["status"].AsString;
    }
}
