using Ferry.Core.Migrations;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Migrations;

public class MigrationRunnerTests
{
    [Fact]
    public async Task Up_applies_pending_migrations_in_version_order_and_records_them()
    {
        await using var kit = new MigrationTestKit();
        var runner = kit.Runner(kit.Marking("2"), kit.Marking("10"), kit.Marking("1"));
        var result = await runner.UpAsync(kit.Db);
        Assert.True(result.Succeeded);
        Assert.Equal(["Up 1", "Up 2", "Up 10"], kit.Log);
        var changelog = await new MigrationChangelog(kit.Db).ReadAsync();
        Assert.Equal(["1", "2", "10"], changelog.Select(e => e.Version.Text));
        Assert.All(changelog, e =>
        {
            Assert.Equal("applied", e.Outcome);
            Assert.Equal("tester@testhost", e.AppliedBy);
            Assert.Equal(result.RunId, e.RunId);
        });
        var status = await runner.StatusAsync(kit.Db);
        Assert.Equal("10", status.CurrentVersion?.Text);
        Assert.Empty(status.Pending);
    }

    [Fact]
    public async Task Up_stops_at_the_first_failure_records_it_and_keeps_earlier_ones()
    {
        await using var kit = new MigrationTestKit();
        var runner = kit.Runner(kit.Marking("1"), kit.Marking("2", failUp: true), kit.Marking("3"));
        var result = await runner.UpAsync(kit.Db);
        Assert.False(result.Succeeded);
        Assert.Equal("2", result.FailedStep!.Version.Text);
        Assert.Equal("boom in 2", result.FailedStep.Error);
        Assert.Equal(["Up 1", "Up 2"], kit.Log);
        var status = await runner.StatusAsync(kit.Db);
        Assert.Equal([MigrationState.Applied, MigrationState.Failed, MigrationState.Pending], status.Rows.Select(r => r.State));
        var history = await new MigrationHistory(kit.Db).ReadAsync();
        Assert.Contains(history, h => h["version"] == "2" && h["outcome"] == "failed" && h["error"] == "boom in 2");
    }

    [Fact]
    public async Task Up_to_and_only_select_what_runs()
    {
        await using var kit = new MigrationTestKit();
        var migrations = new[] { kit.Marking("1"), kit.Marking("2"), kit.Marking("3") };
        await kit.Runner(migrations).UpAsync(kit.Db, new UpOptions { To = MigrationVersion.Parse("2") });
        Assert.Equal(["1", "2"], await kit.MarksAsync());
        await kit.Runner(migrations).UpAsync(kit.Db, new UpOptions { Only = MigrationVersion.Parse("3") });
        Assert.Equal(["1", "2", "3"], await kit.MarksAsync());
        await Assert.ThrowsAsync<MigrationRefusedException>(() => kit.Runner(migrations).UpAsync(kit.Db, new UpOptions { Only = MigrationVersion.Parse("3") }));
    }

    [Fact]
    public async Task Dry_run_previews_each_write_and_writes_nothing()
    {
        await using var kit = new MigrationTestKit();
        await kit.Db.GetCollection("marks").BulkWriteAsync([new Ferry.Core.Storage.InsertRequest(new BsonDocument("_id", "2"))]);
        var result = await kit.Runner(kit.Marking("1"), kit.Marking("2")).UpAsync(kit.Db, new UpOptions { DryRun = true });
        Assert.Equal([StepOutcome.Planned, StepOutcome.Planned], result.Steps.Select(s => s.Outcome));
        Assert.Equal(["Up 1", "Up 2"], kit.Log);
        var write = Assert.Single(result.Steps[0].Writes);
        Assert.Equal(("app.marks", "insert", 1L), (write.Namespace, write.Operation, write.Affected));
        Assert.Equal(["2"], await kit.MarksAsync());
        Assert.Equal(["marks"], (await kit.Db.ListCollectionsAsync()).Select(c => c.Name));
    }

    [Fact]
    public async Task Dry_run_of_down_counts_the_documents_each_write_would_touch()
    {
        await using var kit = new MigrationTestKit();
        var runner = kit.Runner(kit.Marking("1"));
        await runner.UpAsync(kit.Db);
        var result = await runner.DownAsync(kit.Db, new DownOptions(MigrationVersion.Parse("1")) { DryRun = true });
        var write = Assert.Single(result.Steps.Single().Writes);
        Assert.Equal(("deleteOne", 1L), (write.Operation, write.Affected));
        Assert.Equal(["1"], await kit.MarksAsync());
        Assert.Single(await new MigrationChangelog(kit.Db).ReadAsync());
    }

    [Fact]
    public async Task A_changed_applied_migration_is_refused_unless_allowed()
    {
        await using var kit = new MigrationTestKit();
        await kit.Runner(kit.Marking("1", checksum: "original")).UpAsync(kit.Db);
        var changed = kit.Runner(kit.Marking("1", checksum: "edited"), kit.Marking("2"));
        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => changed.UpAsync(kit.Db));
        Assert.Contains("--allow-changed", error.Message);
        Assert.Equal(MigrationState.Changed, (await changed.StatusAsync(kit.Db)).Rows[0].State);
        Assert.Equal(["Up 1"], kit.Log);
        await changed.UpAsync(kit.Db, new UpOptions { AllowChanged = true });
        Assert.Equal(["Up 1", "Up 2"], kit.Log);
    }

    [Fact]
    public async Task A_pending_version_below_the_current_one_is_refused_unless_allowed()
    {
        await using var kit = new MigrationTestKit();
        await kit.Runner(kit.Marking("1"), kit.Marking("3")).UpAsync(kit.Db);
        var withGap = kit.Runner(kit.Marking("1"), kit.Marking("2"), kit.Marking("3"));
        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => withGap.UpAsync(kit.Db));
        Assert.Contains("--allow-out-of-order", error.Message);
        await withGap.UpAsync(kit.Db, new UpOptions { AllowOutOfOrder = true });
        Assert.Equal(["1", "2", "3"], (await kit.MarksAsync()).Order());
    }

    [Fact]
    public async Task Down_refuses_when_later_migrations_are_applied_unless_cascade()
    {
        await using var kit = new MigrationTestKit();
        var runner = kit.Runner(kit.Marking("1"), kit.Marking("2"), kit.Marking("3"));
        await runner.UpAsync(kit.Db);
        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => runner.DownAsync(kit.Db, new DownOptions(MigrationVersion.Parse("2"))));
        Assert.Contains("--cascade", error.Message);
        var result = await runner.DownAsync(kit.Db, new DownOptions(MigrationVersion.Parse("2")) { Cascade = true });
        Assert.Equal(["3", "2"], result.Steps.Select(s => s.Version.Text));
        Assert.Equal(["1"], await kit.MarksAsync());
        Assert.Equal(["1"], (await new MigrationChangelog(kit.Db).ReadAsync()).Select(e => e.Version.Text));
    }

    [Fact]
    public async Task Down_of_a_migration_without_a_down_part_is_refused_before_anything_runs()
    {
        await using var kit = new MigrationTestKit();
        var runner = kit.Runner(kit.Marking("1", hasDown: false));
        await runner.UpAsync(kit.Db);
        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => runner.DownAsync(kit.Db, new DownOptions(MigrationVersion.Parse("1"))));
        Assert.Contains("has no down part", error.Message);
        Assert.Equal(["1"], await kit.MarksAsync());
    }

    [Fact]
    public async Task A_failing_down_part_keeps_the_migration_applied_and_is_recorded()
    {
        await using var kit = new MigrationTestKit();
        var failingDown = new Migration(MigrationVersion.Parse("1"), "d", "1_d.js", "c", true, new ThrowingDown());
        var runner = kit.Runner(failingDown);
        await runner.UpAsync(kit.Db);
        var result = await runner.DownAsync(kit.Db, new DownOptions(MigrationVersion.Parse("1")));
        Assert.False(result.Succeeded);
        Assert.Equal("down failed", result.FailedStep!.Error);
        Assert.Equal(MigrationState.Applied, (await runner.StatusAsync(kit.Db)).Rows.Single().State);
        Assert.Contains(await new MigrationHistory(kit.Db).ReadAsync(), h => h["action"] == "down" && h["outcome"] == "failed");
    }

    private sealed class ThrowingDown : IMigrationBody
    {
        public Task RunAsync(MigrationDirection direction, Ferry.Core.Storage.IDocumentDatabase database, CancellationToken cancellationToken = default) =>
            direction == MigrationDirection.Down ? throw new InvalidOperationException("down failed") : Task.CompletedTask;
    }

    [Fact]
    public async Task Baseline_and_mark_edit_the_changelog_without_running_anything()
    {
        await using var kit = new MigrationTestKit();
        var runner = kit.Runner(kit.Marking("1"), kit.Marking("2"), kit.Marking("3"));
        await runner.BaselineAsync(kit.Db, MigrationVersion.Parse("2"));
        await runner.MarkAsync(kit.Db, MigrationVersion.Parse("3"), applied: true);
        await runner.MarkAsync(kit.Db, MigrationVersion.Parse("1"), applied: false);
        Assert.Empty(kit.Log);
        var changelog = await new MigrationChangelog(kit.Db).ReadAsync();
        Assert.Equal(["2:baselined", "3:marked"], changelog.Select(e => $"{e.Version}:{e.Outcome}"));
        var actions = (await new MigrationHistory(kit.Db).ReadAsync()).Select(h => h["action"].AsString).Order();
        Assert.Equal(["baseline", "baseline", "mark-applied", "mark-unapplied"], actions);
    }

    [Fact]
    public async Task Status_reports_an_applied_migration_whose_file_is_gone()
    {
        await using var kit = new MigrationTestKit();
        await kit.Runner(kit.Marking("1"), kit.Marking("2")).UpAsync(kit.Db);
        var status = await kit.Runner(kit.Marking("1")).StatusAsync(kit.Db);
        Assert.Equal([MigrationState.Applied, MigrationState.MissingFile], status.Rows.Select(r => r.State));
    }

    [Fact]
    public async Task Changelog_entries_round_trip_through_bson()
    {
        var entry = new ChangelogEntry(MigrationVersion.Parse("007"), "d", "007_d.js", "abc", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), TimeSpan.FromMilliseconds(1234), "u@h", "0.1.0", "run", "applied") { BackupTag = "tag" };
        Assert.Equal(entry, ChangelogEntry.FromBson(entry.ToBson()));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Database_patterns_match_existing_databases()
    {
        await using var kit = new MigrationTestKit();
        foreach (var name in new[] { "tenant_a", "tenant_b", "other" })
        {
            await kit.Store.GetDatabase(name).GetCollection("c").BulkWriteAsync([new Ferry.Core.Storage.InsertRequest(new BsonDocument("_id", 1))]);
        }

        Assert.Equal(["tenant_a", "tenant_b"], await DatabaseSelector.ResolveAsync(kit.Store, "tenant_*"));
        Assert.Equal(["other", "new_one"], await DatabaseSelector.ResolveAsync(kit.Store, "other, new_one"));
        await Assert.ThrowsAsync<Ferry.Core.Errors.UserInputException>(() => DatabaseSelector.ResolveAsync(kit.Store, "nomatch_*"));
    }
}
