using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Ferry.Cli.Tests.Notifications;

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1 that keeps every mail it receives.</summary>
internal sealed class SmtpReceiver : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _server;

    public SmtpReceiver()
    {
        Port = LoopbackPorts.Free();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Messages));
        _server = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Waits until <paramref name="count"/> mails arrived (at most 30 s).</summary>
    public async Task<List<MimeMessage>> WaitForAsync(int count)
    {
        for (var waited = 0; waited < 30_000 && Messages.Count < count; waited += 50)
        {
            await Task.Delay(50);
        }

        return [.. Messages];
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _server.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled: the server stopped.
        }

        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
