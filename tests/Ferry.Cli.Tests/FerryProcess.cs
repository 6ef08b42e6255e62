using System.Diagnostics;

namespace Ferry.Cli.Tests;

/// <summary>
/// <c>ferry</c> as a real child process (the built ferry.dll next to the tests), for what must be seen from outside:
/// a crash that kills the process, the exit code, every line it writes, how long it takes, and crash and concurrency
/// tests that kill it with SIGKILL (no chance to clean up) at a chosen moment.
/// </summary>
internal sealed class FerryProcess : IDisposable
{
    /// <summary>Variables that choose a store or config: cleared in the child unless the test sets them, so a value in
    /// the developer's shell never decides what a test's ferry opens.</summary>
    private static readonly string[] StoreVariables = ["FERRY_URI", "FERRY_DB", "FERRY_CONFIG"];

    private static TimeSpan? _startup;

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private FerryProcess(Process process, IReadOnlyList<string> args)
    {
        _process = process;
        Args = args;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>What a finished process printed, and how long it took.</summary>
    public sealed record Outcome(int Exit, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        /// <summary>Everything printed, with whitespace (including any line wrapping) collapsed.</summary>
        public string Text => System.Text.RegularExpressions.Regex.Replace(Stdout + " " + Stderr, @"\s+", " ").Trim();

        public void Deconstruct(out int exit, out string stdout, out string stderr) => (exit, stdout, stderr) = (Exit, Stdout, Stderr);
    }

    public IReadOnlyList<string> Args { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>ferry ARGS</c> with the given extra environment variables, in <paramref name="folder"/> (default:
    /// the test process's folder).</summary>
    /// <remarks>With <paramref name="fileSizeLimitKiB"/> the child runs under <c>ulimit -f</c> with SIGXFSZ ignored, so a write
    /// past the limit fails the way one on a full disk does (EFBIG) instead of killing the process; the runtime's
    /// W^X double mapping (a file of its own) is turned off so it can start under the limit.</remarks>
    public static FerryProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? folder = null, long? fileSizeLimitKiB = null)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(fileSizeLimitKiB is null ? host : "/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (fileSizeLimitKiB is { } limit)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(FormattableString.Invariant($"trap '' XFSZ; ulimit -f {limit}; exec \"$0\" \"$@\""));
            start.ArgumentList.Add(host);
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        if (folder is not null)
        {
            start.WorkingDirectory = folder;
        }

        foreach (var name in StoreVariables)
        {
            start.Environment.Remove(name);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ferry.dll"));
        var list = args.ToList();
        foreach (var a in list)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new FerryProcess(Process.Start(start)!, list);
    }

    /// <summary>Runs <c>ferry ARGS</c> to its end; kills it and fails after <paramref name="limit"/>.</summary>
    public static async Task<Outcome> RunAsync(TimeSpan limit, params string[] args)
    {
        using var process = Start(args);
        return await process.WaitAsync(limit);
    }

    /// <summary>Runs <c>ferry ARGS</c> to its end in <paramref name="folder"/> (where its ferry.yaml is found) with the given
    /// environment; returns the exit code and everything printed (standard output, then standard error).</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string folder, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(args, environment, folder);
        var outcome = await process.WaitAsync(TimeSpan.FromMinutes(2));
        return (outcome.Exit, outcome.Stdout + outcome.Stderr);
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

    /// <summary>Waits for the exit (at most <paramref name="limit"/>, default five minutes); returns the exit code, both
    /// outputs and the time since the start.</summary>
    public async Task<Outcome> WaitAsync(TimeSpan? limit = null)
    {
        var max = limit ?? TimeSpan.FromMinutes(5);
        using var timeout = new CancellationTokenSource(max);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ferry {string.Join(' ', Args)} did not finish in {max}");
        }

        var elapsed = _clock.Elapsed;
        return new Outcome(_process.ExitCode, await _stdout, await _stderr, elapsed);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (true) or the process exits (false).</summary>
    public async Task<bool> WhenAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!_process.HasExited)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"ferry {string.Join(' ', Args)}: the awaited moment did not come in 5 minutes");
            }

            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    /// <summary>SIGKILL on Linux: the process gets no chance to clean up (no lock release, no journal update).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
