using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ferry.Core.Storage;
using Ferry.Serve.Commands;
using Ferry.Serve.Cursors;

namespace Ferry.Serve;

/// <summary>
/// A MongoDB wire-protocol server over a document store (<c>ferry serve</c>): official drivers, shells and the
/// application itself can talk to the embedded store as to a standalone MongoDB 8.0. Not a production database:
/// one process, one store, no replication. The store is the caller's (opened before, closed after
/// <see cref="StopAsync"/>).
/// </summary>
public sealed class WireServer : IAsyncDisposable
{
    private readonly WireServerOptions _options;
    private readonly CursorRegistry _cursors;
    private readonly CommandDispatcher _dispatcher;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private Task? _acceptLoop;
    private Task? _sweeper;
    private long _connectionIds;

    public WireServer(IDocumentStore store, WireServerOptions options)
    {
        _options = options;
        _cursors = new CursorRegistry(options.CursorTimeout);
        var authenticator = options.Users is null ? null : new Authentication.ScramAuthenticator(options.Users);
        _dispatcher = new CommandDispatcher(store, _cursors, options.Time, authenticator, options.Log);
        _listener = new TcpListener(options.Bind, options.Port);
    }

    /// <summary>Where the server listens (the real port when <see cref="WireServerOptions.Port"/> was 0).</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>A connection string for this server (loopback name for a loopback or any-address bind).</summary>
    public string ConnectionString
    {
        get
        {
            var host = Endpoint.Address.Equals(IPAddress.Any) || IPAddress.IsLoopback(Endpoint.Address) ? "127.0.0.1" : Endpoint.Address.ToString();
            if (Endpoint.Address.AddressFamily == AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(Endpoint.Address))
            {
                host = "[" + host + "]";
            }

            return $"mongodb://{host}:{Endpoint.Port}/?directConnection=true";
        }
    }

    public int OpenConnections => _connections.Count;

    public int OpenCursors => _cursors.Count;

    /// <summary>Binds and starts accepting. A port in use is a <see cref="SocketException"/>.</summary>
    public void Start()
    {
        _listener.Start(backlog: 512);
        _acceptLoop = AcceptLoopAsync();
        _sweeper = SweepCursorsAsync();
    }

    /// <summary>Stops accepting, lets every in-flight request finish and answer, closes idle connections and cursors.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        if (_sweeper is not null)
        {
            await _sweeper.ConfigureAwait(false);
        }

        await _cursors.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex) when (!_stopping.IsCancellationRequested)
            {
                _options.Log($"accept failed: {ex.Message}");
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _connectionIds);
            if (_connections.Count >= _options.MaxConnections)
            {
                _options.Log($"connection {id} from {client.Client.RemoteEndPoint}: refused: {_options.MaxConnections} connections open (--max-connections)");
                client.Dispose();
                continue;
            }

            client.NoDelay = true;
            var state = new ConnectionState(id, client.Client.RemoteEndPoint);
            var connection = new WireConnection(client, state, _dispatcher, _options);
            var run = Task.Run(() => connection.RunAsync(_stopping.Token));
            _connections[id] = run;
            _ = run.ContinueWith(_ => _connections.TryRemove(id, out Task? _), TaskScheduler.Default);
        }
    }

    private async Task SweepCursorsAsync()
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(_options.CursorTimeout.TotalMilliseconds / 4, 100, 30_000));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await _cursors.SweepAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
