using System.Diagnostics;

namespace Ferry.Cli.Tests;

/// <summary>
/// <c>ferry</c> as a real child process (the built ferry.dll next to the tests), for crash and concurrency tests:
/// start it, wait for it, kill it with SIGKILL (no chance to clean up) at a chosen moment.
/// </summary>
internal sealed class FerryProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private FerryProcess(Process process, IReadOnlyList<string> args)
    {
        _process = process;
        Args = args;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public IReadOnlyList<string> Args { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>ferry ARGS</c> with the given extra environment variables.</summary>
    public static FerryProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

    /// <summary>Waits for the exit (at most five minutes); returns the exit code and both outputs.</summary>
    public async Task<(int Exit, string Stdout, string Stderr)> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ferry {string.Join(' ', Args)} did not finish in 5 minutes");
        }

        return (_process.ExitCode, await _stdout, await _stderr);
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
