using Ferry.Core.Migrations;
using Ferry.Core.Migrations.DryRun;
using MongoDB.Bson;
using static Ferry.Core.Tests.Json.JsonShape;

namespace Ferry.Core.Tests.Json;

/// <summary>The <c>ferry migrate … --json</c> contract, per database: each result's own <c>ToBson()</c>.</summary>
public sealed class MigrationJsonShapeTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static MigrationStatusReport Status()
    {
        ChangelogEntry Entry(string version, string outcome) =>
            new(MigrationVersion.Parse(version), "d" + version, version + "-d.js", "sum", At, TimeSpan.FromMilliseconds(5), "me", "1.0.0", "run-1", outcome);

        return new MigrationStatusReport("app",
        [
            new(MigrationVersion.Parse("001"), "d001", "001-d.js", MigrationState.Applied, null, Entry("001", ChangelogEntry.Applied)),
            new(MigrationVersion.Parse("002"), "d002", "002-d.js", MigrationState.MissingFile, null, Entry("002", ChangelogEntry.Baselined)),
            new(MigrationVersion.Parse("003"), "d003", "003-d.js", MigrationState.Failed, null, Entry("003", ChangelogEntry.Failed)),
            new(MigrationVersion.Parse("004"), "d004", "004-d.js", MigrationState.Pending, null, null),
        ]);
    }

    [Fact]
    public void Migrate_status_and_plan_list_every_migration()
    {
        AssertShape(
            "{ 'database' : 'app', 'currentVersion' : '002', 'pending' : 2, 'migrations' : ["
            + "{ 'version' : '001', 'description' : 'd001', 'fileName' : '001-d.js', 'state' : 'applied', 'appliedAt' : { '$date' : '2026-01-02T03:04:05Z' } }, "
            + "{ 'version' : '002', 'description' : 'd002', 'fileName' : '002-d.js', 'state' : 'missing-file', 'appliedAt' : { '$date' : '2026-01-02T03:04:05Z' } }, "
            + "{ 'version' : '003', 'description' : 'd003', 'fileName' : '003-d.js', 'state' : 'failed', 'appliedAt' : null }, "
            + "{ 'version' : '004', 'description' : 'd004', 'fileName' : '004-d.js', 'state' : 'pending', 'appliedAt' : null }] }",
            Status().ToBson());
    }

    [Fact]
    public void Migrate_pending_lists_only_pending_and_failed_migrations()
    {
        AssertShape(
            "{ 'database' : 'app', 'currentVersion' : '002', 'pending' : 2, 'migrations' : ["
            + "{ 'version' : '003', 'description' : 'd003', 'fileName' : '003-d.js', 'state' : 'failed', 'appliedAt' : null }, "
            + "{ 'version' : '004', 'description' : 'd004', 'fileName' : '004-d.js', 'state' : 'pending', 'appliedAt' : null }] }",
            Status().ToBson(pendingOnly: true));
    }

    private static MigrationRunResult Run() => new("app", "run-7", "up", false,
    [
        new(MigrationVersion.Parse("003"), "d003", "003-d.js", MigrationDirection.Up, StepOutcome.Succeeded, TimeSpan.FromMilliseconds(12.7))
        {
            Writes = [new RecordedWrite("app.users", "updateMany", new BsonDocument("a", 1), new BsonDocument("$set", new BsonDocument("b", 2)), 4)],
        },
        new(MigrationVersion.Parse("004"), "d004", "004-d.js", MigrationDirection.Down, StepOutcome.Failed, TimeSpan.FromMilliseconds(3)) { Error = "004-d.js:2:1: TypeError: boom" },
    ])
    {
        BackupTag = "pre-migration-app-run-7",
    };

    [Fact]
    public void Migrate_baseline_and_mark_show_the_run()
    {
        AssertShape(
            "{ 'database' : 'app', 'runId' : 'run-7', 'action' : 'up', 'dryRun' : false, 'succeeded' : false, 'stopped' : false, 'backupTag' : 'pre-migration-app-run-7', 'notice' : null, "
            + "'restoreCommand' : 'RESTORE', 'rollback' : null, 'steps' : ["
            + "{ 'version' : '003', 'description' : 'd003', 'fileName' : '003-d.js', 'direction' : 'up', 'outcome' : 'succeeded', 'durationMs' : 12, 'error' : null, "
            + "'writes' : [{ 'ns' : 'app.users', 'op' : 'updateMany', 'filter' : { 'a' : 1 }, 'update' : { '$set' : { 'b' : 2 } }, 'affected' : 4 }] }, "
            + "{ 'version' : '004', 'description' : 'd004', 'fileName' : '004-d.js', 'direction' : 'down', 'outcome' : 'failed', 'durationMs' : 3, 'error' : '004-d.js:2:1: TypeError: boom', 'writes' : [] }] }",
            WithRestoreCommandChecked(Run().ToBson()));
    }

    /// <summary>The restore command holds single quotes (which the shapes write for double ones): checked on its own.</summary>
    private static BsonDocument WithRestoreCommandChecked(BsonDocument json)
    {
        Assert.Equal("ferry backup restore --tag pre-migration-app-run-7 --db app --drop --ns-exclude 'app._ferry_*' --uri <the same URI>", json["restoreCommand"].AsString);
        json["restoreCommand"] = "RESTORE";
        return json;
    }

    [Fact]
    public void Migrate_up_and_down_add_where_the_database_stands_afterwards()
    {
        var json = Run().ToBson(Status());

        Assert.Equal(["database", "runId", "action", "dryRun", "succeeded", "stopped", "backupTag", "notice", "restoreCommand", "rollback", "steps", "currentVersion", "pending"], json.Names);
        Assert.Equal(new BsonString("002"), json["currentVersion"]);
        Assert.Equal(new BsonInt32(2), json["pending"]);
        Assert.Equal(BsonNull.Value, (new MigrationRunResult("new", "r", "up", true, []) { Notice = "took over a stale lock" }).ToBson(new MigrationStatusReport("new", []))["currentVersion"]);
    }

    [Fact]
    public void A_failed_run_that_was_rolled_back_says_so_and_names_no_restore_command()
    {
        var rolledBack = Run() with { Rollback = new MigrationRollback(MigrationRollback.RolledBack, "pre-migration-app-run-7", []) };
        var failed = Run() with { Rollback = new MigrationRollback(MigrationRollback.RollbackFailed, "pre-migration-app-run-7", ["app.users: missing (the backup has it)"]) };

        var json = rolledBack.ToBson();
        Assert.Equal(BsonNull.Value, json["restoreCommand"]);
        AssertShape("{ 'status' : 'rolled_back', 'rolledBack' : true, 'verified' : true, 'backupTag' : 'pre-migration-app-run-7', 'details' : [] }", json["rollback"].AsBsonDocument);
        AssertShape(
            "{ 'status' : 'rollback_failed', 'rolledBack' : false, 'verified' : false, 'backupTag' : 'pre-migration-app-run-7', 'details' : ['app.users: missing (the backup has it)'] }",
            failed.ToBson()["rollback"].AsBsonDocument);
        Assert.NotEqual(BsonNull.Value, failed.ToBson()["restoreCommand"]);
    }

    [Fact]
    public void Migrate_history_is_the_stored_events_of_the_database()
    {
        var events = new List<BsonDocument> { new() { { "runId", "run-7" }, { "action", "up" } } };

        AssertShape("{ 'database' : 'app', 'events' : [{ 'runId' : 'run-7', 'action' : 'up' }] }", MigrationHistory.ToBson("app", events));
    }
}
