using System.Buffers.Binary;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;

namespace Ferry.Serve.Protocol;

/// <summary>Reads BSON documents and C strings out of a message body, checking every length against the bytes
/// left (and the document size limit) before parsing, so malformed input is a <see cref="ProtocolViolationException"/>.</summary>
internal static class BsonSlices
{
    /// <summary>Commands may exceed a user document's 16 MiB by MongoDB's 16 KiB allowance.</summary>
    private const int MaxCommandSize = WireLimits.MaxBsonObjectSize + 16 * 1024;

    public static BsonDocument ReadDocument(byte[] body, ref int position, int end)
    {
        if (end - position < 5)
        {
            throw new ProtocolViolationException($"truncated BSON document at byte {position}");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(position));
        if (length < 5 || length > end - position || length > MaxCommandSize || body[position + length - 1] != 0)
        {
            throw new ProtocolViolationException($"invalid BSON document length {length} at byte {position} ({end - position} bytes left)");
        }

        try
        {
            using var stream = new MemoryStream(body, position, length, writable: false);
            using var reader = new BsonBinaryReader(stream);
            var document = BsonSerializer.Deserialize<BsonDocument>(reader);
            if (stream.Position != length)
            {
                throw new ProtocolViolationException($"BSON document at byte {position} ends before its declared length {length}");
            }

            position += length;
            return document;
        }
        catch (Exception ex) when (ex is FormatException or EndOfStreamException or BsonSerializationException or InvalidOperationException or ArgumentException)
        {
            throw new ProtocolViolationException($"malformed BSON document at byte {position}: {ex.Message}", ex);
        }
    }

    /// <summary>A validated document kept as its exact bytes.</summary>
    public static RawBsonDocument ReadRawDocument(byte[] body, ref int position, int end)
    {
        var start = position;
        ReadDocument(body, ref position, end);
        return new RawBsonDocument(body.AsSpan(start, position - start).ToArray());
    }

    public static string ReadCString(byte[] body, ref int position, int end)
    {
        var terminator = Array.IndexOf(body, (byte)0, position, end - position);
        if (terminator < 0)
        {
            throw new ProtocolViolationException($"unterminated string at byte {position}");
        }

        try
        {
            var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body, position, terminator - position);
            position = terminator + 1;
            return text;
        }
        catch (ArgumentException ex)
        {
            throw new ProtocolViolationException($"invalid UTF-8 in string at byte {position}", ex);
        }
    }

    public static int ReadInt32(byte[] body, ref int position, int end)
    {
        if (end - position < 4)
        {
            throw new ProtocolViolationException($"truncated message: expected 4 bytes at byte {position}");
        }

        var value = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(position));
        position += 4;
        return value;
    }

    public static byte[] ToBytes(BsonDocument document) => document.ToBson();
}
