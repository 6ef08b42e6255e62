using System.Globalization;
using Xunit.Abstractions;

namespace Ferry.Cli.Tests.Chaos;

/// <summary>
/// The chaos slice of the default test run: every data-changing verb killed (SIGKILL, real child processes) at random
/// moments and resumed as the docs say must end exactly as an uninterrupted run — no document lost, duplicated or
/// different. FERRY_CHAOS_KILLS (kills per verb, default 4), FERRY_CHAOS_VERBS (default: five verbs; "all") and FERRY_CHAOS_SEED (default: a fixed seed) scale and
/// replay it; FERRY_CHAOS_REPORT names a file for the figures table (docs/reliability.md records the full run's).
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    /// <summary>The default slice (4 kills each: 20 kills in a few minutes): one verb of each kind of resume —
    /// checkpointed (transform, restore), re-run (doctor, import), and all-or-nothing (backup create).
    /// FERRY_CHAOS_VERBS=all (or a comma-separated list) runs the others too.</summary>
    private const string DefaultVerbs = "transform,restore-archive,doctor-fix,import,backup-create";

    [Fact]
    public async Task Every_data_changing_verb_killed_at_random_moments_and_resumed_ends_as_an_uninterrupted_run()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("FERRY_CHAOS_KILLS"), CultureInfo.InvariantCulture, out var k) ? k : 4;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FERRY_CHAOS_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261203;
        var verbs = Environment.GetEnvironmentVariable("FERRY_CHAOS_VERBS") is { Length: > 0 } named ? named : DefaultVerbs;
        string[]? only = verbs == "all" ? null : verbs.Split(',', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine($"chaos: seed {seed}, {kills} kill(s) per verb (replay: FERRY_CHAOS_SEED={seed} FERRY_CHAOS_KILLS={kills} FERRY_CHAOS_VERBS={verbs})");

        using var fixture = await Plans.PlanFixture.SeedAsync(size: 60);
        var template = await ChaosScenarios.SeedTemplateAsync(fixture);
        var root = fixture.Folder + "-chaos"; // beside the template, never inside what is copied
        var harness = new ChaosHarness(root, seed, output.WriteLine);
        var all = new List<ChaosFigures>();
        try
        {
            foreach (var scenario in ChaosScenarios.All.Where(v => only is null || only.Contains(v.Name)))
            {
                all.Add(await harness.RunAsync(scenario, template, kills));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        var table = string.Join('\n', [ChaosFigures.Header, .. all.Select(f => f.Row)]);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("FERRY_CHAOS_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, $"seed {seed}, {kills} kill(s) per verb, verbs {verbs}\n\n{table}\n");
        }

        Assert.True(all.All(f => f.Clean), "chaos found broken runs:\n" + string.Join('\n', all.SelectMany(f => f.Failures)));
        Assert.True(all.Sum(f => f.Kills) >= Math.Min(20, kills * all.Count), $"only {all.Sum(f => f.Kills)} kill(s) landed while a process ran");
    }
}
