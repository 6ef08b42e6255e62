using System.Diagnostics;

namespace Ferry.Cli.Tests;

/// <summary>
/// Runs the real <c>ferry</c> (ferry.dll beside the tests) as a child process in a folder of the test's choosing, so
/// what depends on the process itself — the current folder's ferry.yaml, environment variables — is exercised as a
/// user meets it, without changing the test process's folder or environment under tests running in parallel.
/// </summary>
internal static class FerryProcess
{
    /// <summary>Variables that choose a store or config: cleared in the child unless the test sets them.</summary>
    private static readonly string[] StoreVariables = ["FERRY_URI", "FERRY_DB", "FERRY_CONFIG"];

    public static async Task<(int Exit, string Output)> RunAsync(string folder, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ferry.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in StoreVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ferry {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
