using System.Diagnostics;

namespace Ferry.Cli.Tests;

/// <summary>
/// Runs the real <c>ferry</c> as a child process and returns what it printed: for failures that must be seen from
/// outside — a crash that kills the process, the exit code, every line it writes, how long it takes.
/// </summary>
internal static class FerryProcess
{
    public sealed record Outcome(int Exit, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        /// <summary>Everything printed, with whitespace (including the console's line wrapping) collapsed.</summary>
        public string Text => System.Text.RegularExpressions.Regex.Replace(Stdout + " " + Stderr, @"\s+", " ").Trim();
    }

    private static TimeSpan? _startup;

    /// <summary>Runs <c>ferry</c> with <paramref name="args"/>; kills it and fails after <paramref name="limit"/>.</summary>
    public static async Task<Outcome> RunAsync(TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ferry.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ferry {string.Join(' ', args)} did not finish in {limit}");
        }

        var elapsed = clock.Elapsed;
        return new Outcome(process.ExitCode, await stdout, await stderr, elapsed);
    }

    /// <summary>How long this machine takes to start <c>ferry</c> and run a trivial script: the allowance a timing
    /// assertion adds for process start-up, measured once.</summary>
    public static async Task<TimeSpan> StartupAsync(string uri)
    {
        if (_startup is null)
        {
            var outcome = await RunAsync(TimeSpan.FromMinutes(2), "eval", "--uri", uri, "--db", "app", "--eval", "1");
            Assert.Equal(0, outcome.Exit);
            _startup = outcome.Elapsed;
        }

        return _startup.Value;
    }
}
