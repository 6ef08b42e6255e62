using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Serve.Tests;

/// <summary>
/// Malformed and hostile input on raw sockets: each bad message closes its own connection with a log line, and the
/// server keeps serving other clients correctly (checked with the driver afterwards).
/// </summary>
public sealed class HostileClientTests : IAsyncLifetime
{
    private ServedStore _served = null!;

    public async Task InitializeAsync()
    {
        _served = await ServedStore.StartAsync(o => o with { MessageTimeout = TimeSpan.FromMilliseconds(500) });
        await Items.InsertManyAsync(Enumerable.Range(0, 10).Select(i => new BsonDocument("_id", i)));
    }

    public async Task DisposeAsync() => await _served.DisposeAsync();

    private IMongoCollection<BsonDocument> Items => _served.Database().GetCollection<BsonDocument>("items");

    [Fact]
    public async Task Malformed_BSON_in_an_OP_MSG_closes_that_connection_only()
    {
        var body = new byte[] { 0, 0, 0, 0, 0, 15, 0, 0, 0, 2, (byte)'x', 0, 99, 0, 0, 0, (byte)'a', 0, 0, 0 };

        var closed = await SendAndWaitForCloseAsync(Message(2013, body));

        Assert.True(closed);
        Assert.Contains(_served.Log, l => l.Contains("malformed BSON document", StringComparison.Ordinal));
        Assert.Equal(10, await Items.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task A_claimed_length_over_maxMessageSizeBytes_closes_the_connection_before_anything_is_read()
    {
        var header = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(header, 2_000_000_000);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), 2013);

        var closed = await SendAndWaitForCloseAsync(header);

        Assert.True(closed);
        Assert.Contains(_served.Log, l => l.Contains("claims a length of 2000000000 bytes", StringComparison.Ordinal));
        Assert.Equal(10, await Items.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task A_partial_message_times_out_and_closes_the_connection()
    {
        var message = Message(2013, [0, 0, 0, 0, 0, .. new BsonDocument { { "ping", 1 }, { "$db", "admin" } }.ToBson()]);
        var clock = Stopwatch.StartNew();

        var closed = await SendAndWaitForCloseAsync(message[..20]);

        Assert.True(closed);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        Assert.Contains(_served.Log, l => l.Contains("incomplete message: no whole message within 0.5 s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2010, "unsupported opcode 2010")]
    [InlineData(2013, "unknown required flag bits 0x4")]
    public async Task Unsupported_opcodes_and_unknown_required_flags_close_the_connection(int opCode, string logged)
    {
        var closed = await SendAndWaitForCloseAsync(Message(opCode, [4, 0, 0, 0, 0, .. new BsonDocument { { "ping", 1 }, { "$db", "admin" } }.ToBson()]));

        Assert.True(closed);
        Assert.Contains(_served.Log, l => l.Contains(logged, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_well_formed_OP_MSG_on_a_raw_socket_is_answered()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_served.Server.Endpoint);
        var stream = client.GetStream();
        await stream.WriteAsync(Message(2013, [0, 0, 0, 0, 0, .. new BsonDocument { { "find", "items" }, { "filter", new BsonDocument("_id", 3) }, { "$db", "app" } }.ToBson()]));

        var header = new byte[16];
        await stream.ReadExactlyAsync(header);
        var body = new byte[BinaryPrimitives.ReadInt32LittleEndian(header) - 16];
        await stream.ReadExactlyAsync(body);
        var reply = new RawBsonDocument(body[5..]);

        Assert.Equal(2013, BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)));
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8)));
        Assert.Equal("{ \"_id\" : 3 }", reply["cursor"]["firstBatch"][0].ToJson());
    }

    [Fact]
    public async Task A_thousand_connections_opened_and_dropped_leave_the_server_serving()
    {
        for (var round = 0; round < 10; round++)
        {
            var clients = new List<TcpClient>();
            for (var i = 0; i < 100; i++)
            {
                var client = new TcpClient();
                await client.ConnectAsync(_served.Server.Endpoint);
                clients.Add(client);
            }

            // Half send a partial header before dropping; half drop silently.
            for (var i = 0; i < clients.Count; i += 2)
            {
                await clients[i].GetStream().WriteAsync(new byte[] { 200, 0, 0 });
            }

            clients.ForEach(c => c.Dispose());
        }

        for (var i = 0; i < 200 && _served.Server.OpenConnections > 1; i++)
        {
            await Task.Delay(25);
        }

        await Items.InsertOneAsync(new BsonDocument("_id", 100));
        Assert.Equal(11, await Items.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
        Assert.InRange(_served.Server.OpenConnections, 1, 3);
    }

    [Fact]
    public async Task Connections_over_max_connections_are_closed_on_arrival()
    {
        await using var limited = await ServedStore.StartAsync(o => o with { MaxConnections = 2 });
        using var first = new TcpClient();
        using var second = new TcpClient();
        await first.ConnectAsync(limited.Server.Endpoint);
        await second.ConnectAsync(limited.Server.Endpoint);
        for (var i = 0; i < 100 && limited.Server.OpenConnections < 2; i++)
        {
            await Task.Delay(10);
        }

        var closed = await SendAndWaitForCloseAsync([], limited);

        Assert.True(closed);
        Assert.Contains(limited.Log, l => l.Contains("refused: 2 connections open (--max-connections)", StringComparison.Ordinal));
    }

    /// <summary>A message with the given opcode, request id 7 and body.</summary>
    private static byte[] Message(int opCode, byte[] body)
    {
        var message = new byte[16 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), 7);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(12), opCode);
        body.CopyTo(message, 16);
        return message;
    }

    /// <summary>Sends the bytes and reports whether the server then closed the connection (within 10 s) without answering.</summary>
    private async Task<bool> SendAndWaitForCloseAsync(byte[] bytes, ServedStore? target = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync((target ?? _served).Server.Endpoint);
        var stream = client.GetStream();
        if (bytes.Length > 0)
        {
            await stream.WriteAsync(bytes);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var read = await stream.ReadAsync(new byte[1], timeout.Token);
            return read == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
