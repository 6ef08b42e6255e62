using System.Buffers.Binary;
using MongoDB.Bson;

namespace Ferry.Serve.Protocol;

/// <summary>
/// OP_QUERY (2004), which drivers still use for the first hello/isMaster of a connection, answered with OP_REPLY (1).
/// Only commands (<c>db.$cmd</c>) are served, as on MongoDB 5.1+; a command wrapped as <c>{ $query: … }</c> is unwrapped.
/// </summary>
internal static class OpQuery
{
    public sealed record Request(string Database, BsonDocument Command);

    public static Request Parse(WireMessage message)
    {
        var body = message.Body;
        var position = 0;
        _ = BsonSlices.ReadInt32(body, ref position, body.Length); // flags: none change how a command runs
        var fullName = BsonSlices.ReadCString(body, ref position, body.Length);
        _ = BsonSlices.ReadInt32(body, ref position, body.Length); // numberToSkip
        _ = BsonSlices.ReadInt32(body, ref position, body.Length); // numberToReturn
        var query = BsonSlices.ReadDocument(body, ref position, body.Length);
        if (position < body.Length)
        {
            _ = BsonSlices.ReadDocument(body, ref position, body.Length); // returnFieldsSelector
        }

        if (position != body.Length)
        {
            throw new ProtocolViolationException($"OP_QUERY has {body.Length - position} trailing bytes");
        }

        var dot = fullName.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || fullName[(dot + 1)..] != "$cmd")
        {
            throw new ProtocolViolationException($"OP_QUERY on '{fullName}': only commands (db.$cmd) are served; legacy queries were removed in MongoDB 5.1");
        }

        var command = query.TryGetValue("$query", out var wrapped) && wrapped is BsonDocument inner ? inner : query;
        return new Request(fullName[..dot], command);
    }

    /// <summary>OP_REPLY with one document: responseFlags 0, cursorID 0, startingFrom 0, numberReturned 1.</summary>
    public static byte[] Reply(BsonDocument reply)
    {
        var document = BsonSlices.ToBytes(reply);
        var body = new byte[20 + document.Length];
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(16), 1);
        document.CopyTo(body, 20);
        return body;
    }
}
