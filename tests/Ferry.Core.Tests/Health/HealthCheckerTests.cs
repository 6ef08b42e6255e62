using System.Net;
using System.Net.Sockets;
using System.Text;
using Ferry.Core.Health;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Health;

public sealed class HealthCheckerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-tests", Guid.NewGuid().ToString("N"));
    private readonly StoreRegistry _stores = new([new EmbeddedStoreProvider()]);

    public HealthCheckerTests() => Directory.CreateDirectory(_folder);

    private string Uri => "file:" + _folder;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS temp cleaner
        }
    }

    private async Task SeedAsync()
    {
        await using var store = await _stores.OpenAsync(Uri);
        await store.GetDatabase("app").GetCollection("users").BulkWriteAsync([new InsertRequest(new BsonDocument { { "_id", 1 }, { "email", "a@x.io" } })]);
    }

    private static string Lines(HealthReport report) => string.Join("\n", report.Checks.Select(c => $"{c.Status} {c.Name}"));

    [Fact]
    public async Task A_healthy_embedded_store_passes_every_check_that_applies()
    {
        await SeedAsync();

        var report = await new HealthChecker(new HealthOptions { Database = "app", DataDirectory = _folder }).CheckAsync(_stores, Uri);

        Assert.Equal("ok connectivity\nok server\nok disk\nskip migrations\nok lock\nskip backup", Lines(report));
        Assert.True(report.Healthy);
        Assert.Contains("quick_check ok on 1 file(s)", report.Checks[1].Message, StringComparison.Ordinal);
        Assert.True(report.Checks[0].Details["roundTripMs"].ToDouble() >= 0);
    }

    [Fact]
    public async Task A_corrupt_database_file_fails_the_server_check_naming_the_file()
    {
        await SeedAsync();
        var file = Path.Combine(_folder, "broken.ferrydb");
        await File.WriteAllBytesAsync(file, Encoding.ASCII.GetBytes(new string('x', 8192)));

        var report = await new HealthChecker(new HealthOptions { Checks = ["connectivity", "server"] }).CheckAsync(_stores, Uri);

        Assert.Equal("ok connectivity\nfail server", Lines(report));
        Assert.Contains(file + ": error 26: 'file is not a database'", report.Checks[1].Message, StringComparison.Ordinal);
        Assert.False(report.Healthy);
        Assert.Equal(new string('x', 8192), await File.ReadAllTextAsync(file)); // reported, never modified
    }

    [Fact]
    public async Task Free_space_below_the_threshold_fails_the_disk_check()
    {
        await SeedAsync();

        var report = await new HealthChecker(new HealthOptions { Checks = ["disk"], DataDirectory = _folder, BackupsDirectory = Path.Combine(_folder, "backups-not-yet"), MinFreeBytes = long.MaxValue / 2 })
            .CheckAsync(_stores, Uri);

        var disk = report.Checks.Single();
        Assert.Equal(HealthCheckResult.Fail, disk.Status);
        Assert.StartsWith($"data {_folder}: ", disk.Message, StringComparison.Ordinal);
        Assert.Contains($"backups {Path.Combine(_folder, "backups-not-yet")}: ", disk.Message, StringComparison.Ordinal);
        Assert.Contains($"< {long.MaxValue / 2:N0} needed", disk.Message, StringComparison.Ordinal);
        Assert.False(report.Healthy);
    }

    [Fact]
    public async Task A_held_run_lock_fails_the_lock_check_naming_its_holder()
    {
        await SeedAsync();
        await using var store = await _stores.OpenAsync(Uri);
        await using var held = await DatabaseRunLock.AcquireAsync(store.GetDatabase("app"), "transform", "run-1", new RunLockOptions());

        var report = await new HealthChecker(new HealthOptions { Checks = ["lock"], Database = "app" }).CheckAsync(store);

        Assert.Equal("fail lock", Lines(report));
        Assert.Contains("app is locked by", report.Checks[0].Message, StringComparison.Ordinal);
        Assert.Contains("transform", report.Checks[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_and_tcp_endpoints_pass_when_up_with_the_expected_status_and_fail_otherwise()
    {
        await SeedAsync();
        using var server = new TinyHttpServer(204);
        var up = new HealthEndpoint($"http://127.0.0.1:{server.Port}/health", 204, null);
        var wrongStatus = new HealthEndpoint($"http://127.0.0.1:{server.Port}/health", 200, null);
        var tcp = new HealthEndpoint(null, 200, $"127.0.0.1:{server.Port}");
        var downPort = FreePort();
        var down = new HealthEndpoint($"http://127.0.0.1:{downPort}/health", 200, null);
        var tcpDown = new HealthEndpoint(null, 200, $"127.0.0.1:{downPort}");

        var report = await new HealthChecker(new HealthOptions { Checks = ["endpoints"], Endpoints = [up, wrongStatus, tcp, down, tcpDown] }).CheckAsync(_stores, Uri);

        Assert.Equal(
            $"ok endpoint {up.Url}\nfail endpoint {wrongStatus.Url}\nok endpoint tcp://127.0.0.1:{server.Port}\nfail endpoint {down.Url}\nfail endpoint tcp://127.0.0.1:{downPort}",
            Lines(report));
        Assert.Equal("HTTP 204, expected 200", report.Checks[1].Message);
        Assert.False(report.Healthy);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A real HTTP endpoint on a loopback port answering every request with one status.</summary>
    private sealed class TinyHttpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public TinyHttpServer(int status)
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    _ = await stream.ReadAsync(buffer, _stop.Token);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
                }
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
