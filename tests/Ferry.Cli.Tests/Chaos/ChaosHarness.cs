using System.Diagnostics;
using Ferry.Core.Runs;

namespace Ferry.Cli.Tests.Chaos;

/// <summary>
/// Runs a verb uninterrupted once, then again and again as a real child process SIGKILLed at a moment drawn uniformly
/// over the uninterrupted run's duration (process start-up included, so the first and last 100 ms are drawn too),
/// resumes it as the docs say, and compares the final state with the uninterrupted run's. Every draw comes from one
/// seed: a failure prints the seed and the kill time, and <c>FERRY_CHAOS_SEED</c> replays it.
/// </summary>
internal sealed class ChaosHarness(string root, int seed, Action<string> log)
{
    /// <summary>A short lease: after a kill the next run takes the dead run's lock over once it has passed.</summary>
    private const int LeaseSeconds = 1;

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["FERRY_CLOCK"] = "2026-06-01T12:00:00Z",
        [RunLockOptions.LeaseVariable] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private readonly Random _random = new(seed);

    public async Task<ChaosFigures> RunAsync(ChaosScenario scenario, string baseTemplate, int kills)
    {
        var figures = new ChaosFigures(scenario.Name);
        var template = Path.Combine(root, scenario.Name + "-template");
        CopyFolder(baseTemplate, template);
        if (scenario.Prepare is not null)
        {
            await scenario.Prepare(new ChaosTrial(template));
        }

        var straight = new ChaosTrial(Path.Combine(root, scenario.Name + "-straight"));
        CopyFolder(template, straight.Folder);
        var watch = Stopwatch.StartNew();
        var outcome = await RunToEndAsync(straight, scenario.Command(straight));
        var duration = watch.Elapsed;
        Assert.True(outcome.Exit == 0, $"{scenario.Name}: the uninterrupted run failed (exit {outcome.Exit}): {outcome.Text}");
        var expected = await StoreSnapshot.TakeAsync(scenario.StoreFolders.Select(straight.PathOf));
        var expectedExtra = scenario.Extra is null ? null : await scenario.Extra(straight);
        log($"{scenario.Name}: uninterrupted run {duration.TotalMilliseconds:F0} ms");

        // Draws beyond `kills`: a kill drawn in the last moments may land after the process exited.
        for (var trialNumber = 0; figures.Kills < kills && trialNumber < kills * 3; trialNumber++)
        {
            var killAt = TimeSpan.FromMilliseconds(_random.NextDouble() * duration.TotalMilliseconds);
            var replay = $"seed {seed}, {scenario.Name} trial {trialNumber}, kill at {killAt.TotalMilliseconds:F0} ms of {duration.TotalMilliseconds:F0}";
            var trial = new ChaosTrial(Path.Combine(root, $"{scenario.Name}-{trialNumber}"));
            CopyFolder(template, trial.Folder);
            figures.Trials++;
            try
            {
                await RunTrialAsync(scenario, trial, killAt, figures, replay);
                var difference = expected.Compare(await StoreSnapshot.TakeAsync(scenario.StoreFolders.Select(trial.PathOf)));
                figures.Lost += difference.Lost;
                figures.Duplicated += difference.Duplicated;
                figures.Differing += difference.Differing;
                if (!difference.None)
                {
                    figures.Failures.Add($"{replay}: {string.Join("; ", difference.Examples)}");
                }

                if (scenario.Extra is not null && await scenario.Extra(trial) is var extra && extra != expectedExtra)
                {
                    figures.Differing++;
                    figures.Failures.Add($"{replay}: {extra} differs from the uninterrupted run's {expectedExtra}");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                figures.Failures.Add($"{replay}: {e.Message}");
            }
            finally
            {
                TryDelete(trial.Folder);
            }
        }

        TryDelete(straight.Folder);
        TryDelete(template);
        log(ChaosFigures.Header.Split('\n')[0] + "\n" + figures.Row);
        foreach (var failure in figures.Failures)
        {
            log("  " + failure);
        }

        return figures;
    }

    private static async Task RunTrialAsync(ChaosScenario scenario, ChaosTrial trial, TimeSpan killAt, ChaosFigures figures, string replay)
    {
        using (var ferry = FerryProcess.Start(scenario.Command(trial), Environment, trial.Folder))
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < killAt && !ferry.HasExited)
            {
                Thread.Sleep(1); // a blocking wait: an awaited delay can resume far later than asked on a busy pool
            }

            if (ferry.HasExited)
            {
                var finished = await ferry.WaitAsync();
                if (finished.Exit != 0)
                {
                    throw new InvalidOperationException($"finished before the kill with exit {finished.Exit}: {Tail(finished.Text)}");
                }

                return;
            }

            await ferry.KillAsync();
            figures.Kills++;
        }

        if (scenario.AfterKill is not null && await scenario.AfterKill(trial) is { } broken)
        {
            figures.Failures.Add($"{replay}: {broken}");
        }

        Thread.Sleep(TimeSpan.FromSeconds(LeaseSeconds) + TimeSpan.FromMilliseconds(200)); // the dead run's lease runs out
        if (await scenario.Resume(trial) is { } resume)
        {
            figures.Resumes++;
            var outcome = await RunToEndAsync(trial, resume);
            if (outcome.Exit != 0)
            {
                throw new InvalidOperationException($"ferry {string.Join(' ', resume)} exited {outcome.Exit}: {Tail(outcome.Text)}");
            }
        }
    }

    private static async Task<FerryProcess.Outcome> RunToEndAsync(ChaosTrial trial, string[] args)
    {
        using var ferry = FerryProcess.Start(args, Environment, trial.Folder);
        return await ferry.WaitAsync(TimeSpan.FromMinutes(3));
    }

    private static string Tail(string text) => text.Length <= 600 ? text : text[^600..];

    internal static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
