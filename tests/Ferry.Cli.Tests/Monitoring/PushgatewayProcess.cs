using System.Diagnostics;

namespace Ferry.Cli.Tests.Monitoring;

/// <summary>A real Prometheus Pushgateway on a free loopback port, stopped (killed) when disposed.</summary>
internal sealed class PushgatewayProcess : IDisposable
{
    private readonly Process _process;

    private PushgatewayProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<PushgatewayProcess> StartAsync(string binary)
    {
        var port = PrometheusTools.FreePort();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new PushgatewayProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri(gateway.Url, "/-/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return gateway;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                gateway.Dispose();
                throw new InvalidOperationException($"the pushgateway on port {port} did not become ready");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The gateway's own /metrics: every series pushed to it, in the text format.</summary>
    public async Task<string> MetricsAsync()
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(Url, "/metrics"));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
