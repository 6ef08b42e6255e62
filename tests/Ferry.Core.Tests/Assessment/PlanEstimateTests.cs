using System.Diagnostics;
using System.Globalization;
using Ferry.Core.Assessment;
using Ferry.Core.Tests.Support;
using Xunit.Abstractions;

namespace Ferry.Core.Tests.Assessment;

public class PlanEstimateTests(ITestOutputHelper log)
{
    [Fact]
    public async Task An_estimate_from_a_20k_sample_times_a_spread_sample_and_leaves_no_scratch_database()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 7400); // 99,901 documents
        var analysis = await new DataAnalyzer(new AnalyzeOptions { SampleSize = 100 }).AnalyzeAsync(demo.Demo);
        Assert.Equal(99_901, analysis.TotalDocuments);

        var plan = await new MigrationEstimator(new PlanOptions { Type = ComplexityScorer.Format, SampleSize = 20_000 }).EstimateAsync(demo.Demo, analysis);
        var estimate = plan.Steps.Single(s => s.Name == "transform").Seconds;

        var target = demo.Store.GetDatabase("real_run");
        var clock = Stopwatch.StartNew();
        long copied = 0;
        foreach (var collection in plan.DependencyOrder)
        {
            copied += (await SampleWorkload.RunAsync(demo.Demo, target, collection, null)).Documents;
        }

        var real = clock.Elapsed.TotalSeconds;
        var ratio = estimate / real;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sampled {plan.SampledDocuments} of {plan.Documents} documents; estimate {estimate:0.000} s, real run {real:0.000} s on {copied} documents, ratio {ratio:0.00}; confidence {plan.Confidence} ({plan.ConfidenceReason})"));
        Assert.Equal(99_901, copied);
        Assert.InRange(plan.SampledDocuments, 19_900, 20_600); // spread by size, each share rounded up
        // The estimate's accuracy (ratio, logged above; 0.5–2 on a quiet machine) is a timing and belongs to bench/, not
        // to a unit test: under a loaded CI machine the sample and the real run see different loads.
        Assert.True(estimate > 0 && double.IsFinite(ratio), $"estimate {estimate}");
        Assert.DoesNotContain(await demo.Store.ListDatabaseNamesAsync(), name => name.StartsWith(MigrationEstimator.ScratchPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_plan_runs_backup_health_transform_validate_smoke_report_in_dependency_order_and_drops_its_scratch_databases()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 100);
        var analysis = await new DataAnalyzer().AnalyzeAsync(demo.Demo);

        var plan = await new MigrationEstimator(new PlanOptions { Type = ComplexityScorer.DemoToProd, SampleSize = 500 }).EstimateAsync(demo.Demo, analysis);

        Assert.Equal(["backup", "health", "transform", "validate", "smoke", "report"], plan.Steps.Select(s => s.Name));
        Assert.Equal(["users", "assessments", "agent_metrics", "configuration", "reports", "workflow_states"], plan.Steps[2].Collections.Select(c => c.Collection));
        Assert.All(plan.Steps, s => Assert.True(s.Seconds > 0, s.Name));
        Assert.Equal(plan.Steps.Sum(s => s.Seconds), plan.TotalSeconds, 6);
        Assert.Equal(analysis.TotalDataSize, plan.BackupBytes);
        Assert.InRange(plan.BackupGzipBytes, 1, plan.BackupBytes - 1);
        Assert.Equal("required", plan.ApplicationStop);
        Assert.True(plan.Window.TotalSeconds >= plan.TotalSeconds * 1.5);
        Assert.DoesNotContain(await demo.Store.ListDatabaseNamesAsync(), name => name.StartsWith(MigrationEstimator.ScratchPrefix, StringComparison.Ordinal));

        var yaml = PlanFile.ToYaml(plan, "mongodb://admin:hunter2@db.example:27017");
        Assert.DoesNotContain("hunter2", yaml, StringComparison.Ordinal);
        Assert.Contains("steps:\n- name: backup\n  backup:\n    gzip: true\n- name: health\n  health: {}\n- name: transform\n  transform:\n", yaml, StringComparison.Ordinal);
    }
}
