using System.Diagnostics;
using Ferry.Store.Embedded;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Cli.Tests.Serve;

/// <summary><c>ferry serve</c> as a real child process: the URI it prints, the driver talking to it, SIGTERM shutdown.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-serve-cli", Guid.NewGuid().ToString("N"));

    public ServeCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Serve_answers_the_driver_and_on_SIGTERM_finishes_closes_the_store_and_exits_0()
    {
        var port = Notifications.LoopbackPorts.Free();
        var data = Path.Combine(_folder, "data");
        using var serve = FerryProcess.Start(["serve", "--uri", "file:" + data, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"]);
        using var client = new MongoClient($"mongodb://127.0.0.1:{port}/?directConnection=true&serverSelectionTimeoutMS=30000");
        var items = client.GetDatabase("app").GetCollection<BsonDocument>("items");

        await items.InsertManyAsync(Enumerable.Range(0, 500).Select(i => new BsonDocument { { "_id", i }, { "n", i } }));
        var count = await items.CountDocumentsAsync(new BsonDocument("n", new BsonDocument("$gte", 100)));
        using (var kill = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var outcome = await serve.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(400, count);
        Assert.Equal(0, outcome.Exit);
        var lines = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(BsonDocument.Parse).ToList();
        Assert.Equal($"mongodb://127.0.0.1:{port}/?directConnection=true", lines[0]["uri"].AsString);
        Assert.True(lines[^1]["stopped"].AsBoolean);
        await using var store = await new EmbeddedStoreProvider().OpenAsync("file:" + data);
        Assert.Equal(500, await store.GetDatabase("app").GetCollection("items").CountAsync());
    }

    [Theory]
    [InlineData("0.0.0.0", "--bind 0.0.0.0: without --auth ferry serve listens on loopback only")]
    [InlineData("not-an-ip", "--bind not-an-ip: expected an IP address")]
    public async Task Serve_refuses_a_non_loopback_or_bad_bind_without_auth_with_exit_2(string bind, string message)
    {
        var outcome = await FerryProcess.RunAsync(TimeSpan.FromMinutes(1), "serve", "--uri", "file:" + _folder, "--bind", bind);

        Assert.Equal(2, outcome.Exit);
        Assert.Contains(message, outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_a_mongodb_uri_with_exit_2()
    {
        var outcome = await FerryProcess.RunAsync(TimeSpan.FromMinutes(1), "serve", "--uri", "mongodb://u:secret@localhost:1");

        Assert.Equal(2, outcome.Exit);
        Assert.Contains("ferry serve serves the embedded store (file:PATH)", outcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", outcome.Text, StringComparison.Ordinal);
    }

}
