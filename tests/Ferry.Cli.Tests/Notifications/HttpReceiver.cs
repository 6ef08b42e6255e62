using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Ferry.Cli.Tests.Notifications;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) that records every request (path and JSON body) and answers with
/// <see cref="Status"/>, standing in for Slack, PagerDuty and webhook receivers.
/// </summary>
internal sealed class HttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public HttpReceiver(HttpStatusCode status = HttpStatusCode.OK, string answer = "ok")
    {
        Port = LoopbackPorts.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        Status = status;
        Answer = answer;
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public HttpStatusCode Status { get; }

    public string Answer { get; }

    public ConcurrentQueue<(string Path, JsonObject Body)> Requests { get; } = new();

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>The bodies received on <paramref name="path"/>, in order.</summary>
    public List<JsonObject> On(string path) => [.. Requests.Where(r => r.Path == path).Select(r => r.Body)];

    /// <summary>Waits until <paramref name="count"/> requests arrived on <paramref name="path"/> (at most 30 s).</summary>
    public async Task<List<JsonObject>> WaitForAsync(string path, int count)
    {
        for (var waited = 0; waited < 30_000 && On(path).Count < count; waited += 50)
        {
            await Task.Delay(50);
        }

        return On(path);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was stopped under a pending GetContextAsync: that is how the loop ends.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var text = await reader.ReadToEndAsync();
                Requests.Enqueue((context.Request.Url!.AbsolutePath, JsonNode.Parse(text)!.AsObject()));
            }

            context.Response.StatusCode = (int)Status;
            var bytes = System.Text.Encoding.UTF8.GetBytes(Answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
