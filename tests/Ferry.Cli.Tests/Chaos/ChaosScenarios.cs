using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Chaos;

/// <summary>Every data-changing verb under chaos, each resumed as docs/runs.md says ("after a stop … go on with").</summary>
internal static class ChaosScenarios
{
    private const string Plan = """
        store: { db: prod }
        steps:
          - { name: backup, backup: {} }
          - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo, batch_size: 10 } }
          - { name: repair, doctor: { rules: validation-prod.yaml, fix: true } }
          - { name: validate, validate: { rules: validation-prod.yaml } }
        """;

    public static IReadOnlyList<ChaosScenario> All { get; } =
    [
        new("transform",
            Transform,
            async t => await LatestRunAsync(t.Uri, "prod", "transform") switch
            {
                null => Transform(t),
                { Status: RunStatus.Completed } => null,
                { } run => [.. Transform(t), "--resume", run.Id],
            }),
        new("migrate-up",
            MigrateUp,
            t => Task.FromResult<string[]?>(MigrateUp(t)),
            Extra: t => ChangelogAsync(t.Uri)),
        new("migrate-down",
            MigrateDown,
            async t => (await ChangelogAsync(t.Uri)).Contains("002", StringComparison.Ordinal) ? MigrateDown(t) : null,
            Prepare: t => RunAsync(t, MigrateUp(t)),
            Extra: t => ChangelogAsync(t.Uri)),
        Restore("restore-directory", "dir"),
        Restore("restore-archive", "arc"),
        Restore("restore-gzip", "gz"),
        new("import",
            Import,
            t => Task.FromResult<string[]?>([.. Import(t), "--mode", "upsert"]),
            Prepare: t => RunAsync(t, ["export", "--uri", t.Uri, "--db", ChaosTrial.DemoDb, "--collection", "assessments", "--out", t.PathOf("assessments.jsonl")]),
            Stores: ["target"]),
        new("doctor-fix",
            DoctorFix,
            t => Task.FromResult<string[]?>(DoctorFix(t))),
        new("restore-quarantine",
            RestoreQuarantine,
            t => Task.FromResult<string[]?>(RestoreQuarantine(t)),
            Prepare: async t =>
            {
                await RunAsync(t, DoctorFix(t));
                t.Write("doctor-run", (await LatestRunAsync(t.Uri, ChaosTrial.DemoDb, "doctor"))!.Value.Id);
            }),
        new("plan-run",
            PlanRun,
            async t => await LatestRunAsync(t.Uri, "prod", "plan") switch
            {
                null => PlanRun(t),
                { Status: RunStatus.Completed } => null,
                { } run => [.. PlanRun(t), "--resume", run.Id],
            },
            Prepare: t =>
            {
                File.WriteAllText(t.PathOf("chaos.plan.yaml"), Plan);
                return Task.CompletedTask;
            }),
        new("rollback",
            Rollback,
            async t => await LatestRunAsync(t.Uri, "prod", "rollback") switch
            {
                null => Rollback(t),
                { } run when RunStatus.IsFinished(run.Status) => null,
                { } run => [.. Rollback(t), "--resume", run.Id],
            },
            Prepare: async t =>
            {
                File.WriteAllText(t.PathOf("chaos.plan.yaml"), Plan);
                await RunAsync(t, PlanRun(t));
                t.Write("plan-run", (await LatestRunAsync(t.Uri, "prod", "plan"))!.Value.Id);
            }),
        new("backup-create",
            BackupCreate,
            async t => await ListedAsync(t) ? null : BackupCreate(t),
            AfterKill: KilledBackupIsNeverGoodAsync,
            // The backup's user namespaces; not _ferry_runs, which holds the killed attempt's run as well (by design).
            Extra: async t => new BsonArray(BsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(t.PathOf("fresh-backups"), "killed", "ferry-manifest.json")))["namespaces"].AsBsonArray
                .Where(n => !n["collection"].AsString.StartsWith("_ferry", StringComparison.Ordinal))).ToJson()),
    ];

    /// <summary>The base state every scenario starts from: the seeded demo store, the sample rules and migrations,
    /// and three backups of it (directory, archive, gzip).</summary>
    public static async Task<string> SeedTemplateAsync(Plans.PlanFixture fixture)
    {
        var template = new ChaosTrial(fixture.Folder);
        await RunAsync(template, ["backup", "create", "--uri", template.Uri, "--db", ChaosTrial.DemoDb, "--tag", "dir", "--out", template.PathOf("backups")]);
        await RunAsync(template, ["backup", "create", "--uri", template.Uri, "--db", ChaosTrial.DemoDb, "--tag", "arc", "--archive", "--out", template.PathOf("backups")]);
        await RunAsync(template, ["backup", "create", "--uri", template.Uri, "--db", ChaosTrial.DemoDb, "--tag", "gz", "--gzip", "--out", template.PathOf("backups")]);
        return template.Folder;
    }

    private static ChaosScenario Restore(string name, string tag)
    {
        string[] Command(ChaosTrial t) => ["backup", "restore", "--uri", t.TargetUri, "--tag", tag, "--out", t.PathOf("backups"), "--parallel", "1"];
        // A restore recorded complete has nothing to resume (its checkpoints are gone); any other is resumed.
        return new ChaosScenario(name, Command, async t => await LatestRunAsync(t.TargetUri, ChaosTrial.DemoDb, "restore") is { Status: RunStatus.Completed } ? null : [.. Command(t), "--resume"], Stores: ["target"]);
    }

    private static string[] Transform(ChaosTrial t) =>
        ["transform", "--rules", t.PathOf("demo-to-prod.yaml"), "--source-uri", t.Uri, "--source-db", ChaosTrial.DemoDb, "--target-db", "prod", "--batch-size", "10", "--partitions", "2"];

    private static string[] MigrateDown(ChaosTrial t) => ["migrate", "down", "--uri", t.Uri, "--db", ChaosTrial.DemoDb, "--dir", t.PathOf("migrations"), "--version", "002", "--no-backup"];

    private static string[] MigrateUp(ChaosTrial t) => ["migrate", "up", "--uri", t.Uri, "--db", ChaosTrial.DemoDb, "--dir", t.PathOf("migrations"), "--no-backup"];

    private static string[] Import(ChaosTrial t) => ["import", "--uri", t.TargetUri, "--db", "imported", "--collection", "assessments", "--file", t.PathOf("assessments.jsonl")];

    private static string[] DoctorFix(ChaosTrial t) => ["doctor", "integrity", "--uri", t.Uri, "--db", ChaosTrial.DemoDb, "--rules", t.PathOf("validation.yaml"), "--fix"];

    private static string[] RestoreQuarantine(ChaosTrial t) => ["doctor", "restore-quarantine", "--uri", t.Uri, "--db", ChaosTrial.DemoDb, "--run", t.Read("doctor-run")];

    private static string[] PlanRun(ChaosTrial t) => ["run", t.PathOf("chaos.plan.yaml"), "--uri", t.Uri];

    private static string[] Rollback(ChaosTrial t) => ["rollback", t.Read("plan-run"), "--uri", t.Uri, "--db", "prod"];

    private static string[] BackupCreate(ChaosTrial t) => ["backup", "create", "--uri", t.Uri, "--db", ChaosTrial.DemoDb, "--tag", "killed", "--gzip", "--out", t.PathOf("fresh-backups")];

    /// <summary>A killed backup is either complete (listed, and it verifies) or not there at all (not listed, and
    /// verify refuses the tag).</summary>
    private static async Task<string?> KilledBackupIsNeverGoodAsync(ChaosTrial t)
    {
        var (verified, output) = await CliHarness.RunAsync("backup", "verify", "--tag", "killed", "--out", t.PathOf("fresh-backups"));
        var listed = await ListedAsync(t);
        return (listed, verified) switch
        {
            (true, 0) or (false, 2) => null,
            _ => $"killed backup: listed {listed}, verify exit {verified}: {output.Trim()}",
        };
    }

    private static async Task<bool> ListedAsync(ChaosTrial t)
    {
        var (exit, output) = await CliHarness.RunAsync("backup", "list", "--out", t.PathOf("fresh-backups"), "--json");
        Assert.Equal(0, exit);
        return BsonDocument.Parse(output)["backups"].AsBsonArray.Any(b => b["tag"].AsString == "killed");
    }

    private static async Task RunAsync(ChaosTrial t, string[] args)
    {
        var (exit, output) = await FerryProcess.RunAsync(t.Folder, new Dictionary<string, string> { ["FERRY_CLOCK"] = "2026-06-01T12:00:00Z" }, args);
        Assert.True(exit == 0, $"ferry {string.Join(' ', args)} exited {exit}: {output}");
    }

    private static async Task<(string Id, string Status)?> LatestRunAsync(string uri, string db, string kind)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(uri);
        (string, string)? latest = null;
        await foreach (var run in new RunJournal(store.GetDatabase(db)).ListAsync())
        {
            if (run["kind"].AsString == kind)
            {
                latest = (run["_id"].AsString, run["status"].AsString);
            }
        }

        return latest;
    }

    /// <summary>The changelog's versions and outcomes: a killed migration must end recorded as an uninterrupted one.</summary>
    private static async Task<string> ChangelogAsync(string uri)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(uri);
        var entries = await new MigrationChangelog(store.GetDatabase(ChaosTrial.DemoDb)).ReadAsync();
        return string.Join(",", entries.Select(e => $"{e.Version.Text}:{e.Outcome}"));
    }
}
