using System.Diagnostics;

namespace Ferry.Cli.Tests.Monitoring;

/// <summary>
/// The Prometheus binaries the monitoring tests run for real (Debian's <c>prometheus</c> and
/// <c>prometheus-pushgateway</c>, installed by .ci/install-deps): where they are, a free loopback port, and running
/// one to its end.
/// </summary>
internal static class PrometheusTools
{
    public const string MissingReason = "Debian's prometheus and prometheus-pushgateway are not installed (.ci/install-deps installs them)";

    public static string? Promtool => Find("promtool");

    public static string? Pushgateway => Find("prometheus-pushgateway") ?? Find("pushgateway");

    public static int FreePort() => Notifications.LoopbackPorts.Free();

    /// <summary>Runs <paramref name="file"/> to its end (at most a minute), feeding <paramref name="input"/> on standard input.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string file, string? input, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
