using Ferry.Core.Runs;

namespace Ferry.Cli.Tests.Plans;

/// <summary>The plan lock: two <c>ferry run</c> processes of one plan on one database, the second refused; a killed holder resumable.</summary>
public class PlanLockTests
{
    private const string Db = "prod";

    [Fact]
    public async Task A_second_run_of_the_plan_is_refused_naming_the_holders_run_and_the_killed_holder_resumes()
    {
        using var fixture = await PlanFixture.SeedAsync(size: 20);
        // The hold step waits until the test creates "go": the first run is inside its plan while the second starts.
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Db}} }
            steps:
              - { name: backup, backup: {} }
              - { name: hold, hook: { run: "while [ ! -f go ]; do sleep 0.1; done", timeout: 120 } }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo } }
            """);
        var environment = new Dictionary<string, string> { [RunLockOptions.LeaseVariable] = "2" };

        using var holder = FerryProcess.Start(["run", plan, "--uri", fixture.Uri], environment);
        Assert.True(await holder.WhenAsync(async () => (await fixture.RunsAsync(Db, "plan")) is [var r] && r.Contains("steps") && r["steps"][1]["status"] == "running"), "the first run did not reach its hold step");
        var runId = (await fixture.RunsAsync(Db, "plan")).Single()["_id"].AsString;

        using (var second = FerryProcess.Start(["run", plan, "--uri", fixture.Uri], environment))
        {
            var (exit, stdout, stderr) = await second.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(exit == 2, stdout + stderr);
            Assert.Single(stderr.Trim().Split('\n'));
            Assert.Contains($"plan.yaml: prod is already being changed by plan run {runId} of ", stderr);
            Assert.Contains("two plan runs must not change one database at once", stderr);
        }

        // Resuming the holder's own run while it lives is refused too: two processes must not run one run.
        using (var early = FerryProcess.Start(["run", plan, "--uri", fixture.Uri, "--resume", runId], environment))
        {
            Assert.Equal(2, (await early.WaitAsync(TimeSpan.FromMinutes(2))).Exit);
        }

        Assert.Single(await fixture.RunsAsync(Db, "plan"));
        await holder.KillAsync();
        File.WriteAllText(fixture.PathOf("go"), string.Empty);

        using var resumed = FerryProcess.Start(["run", plan, "--uri", fixture.Uri, "--resume", runId, "--wait", "60"], environment);
        var outcome = await resumed.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(outcome.Exit == 0, outcome.Text);
        Assert.Equal(RunStatus.Completed, (await fixture.RunAsync(Db, runId))["status"].AsString);
    }
}
