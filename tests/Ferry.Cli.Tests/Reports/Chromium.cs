using System.Diagnostics;

namespace Ferry.Cli.Tests.Reports;

/// <summary>
/// Debian's Chromium, headless, as the report's browser test drives it (.ci/install-deps installs the package).
/// Each run gets its own profile folder; <c>--no-sandbox</c> because CI runs as root.
/// </summary>
internal static class Chromium
{
    /// <summary>The browser on PATH (chromium, or chromium-browser on some distributions), or null.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>Networking off: every proxied request goes to a closed port and no host name resolves.</summary>
    public static readonly string[] Offline = ["--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-bypass-list=<-loopback>"];

    public static async Task<string> RunAsync(string profile, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("no chromium"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile}", .. args])
        {
            start.ArgumentList.Add(arg);
        }

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
            throw new TimeoutException($"chromium {string.Join(' ', args)} did not finish in {limit}: {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static string? Find()
    {
        foreach (var name in new[] { "chromium", "chromium-browser" })
        {
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
