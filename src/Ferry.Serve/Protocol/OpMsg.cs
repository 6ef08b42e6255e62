using System.Buffers.Binary;
using System.Numerics;
using MongoDB.Bson;

namespace Ferry.Serve.Protocol;

/// <summary>
/// OP_MSG (2013): flag bits, one kind-0 section (the command) and any kind-1 sections (document sequences, added to
/// the command as arrays under their identifier, as the server treats them), optionally a CRC-32C checksum.
/// Unknown required flag bits (0–15), a second body, an unknown section kind or a bad checksum are violations.
/// </summary>
internal static class OpMsg
{
    public const uint ChecksumPresent = 1;
    public const uint MoreToCome = 1 << 1;
    public const uint ExhaustAllowed = 1 << 16;

    private const uint KnownRequiredBits = ChecksumPresent | MoreToCome;

    public sealed record Request(uint Flags, BsonDocument Command)
    {
        /// <summary>The client expects no reply (unacknowledged write).</summary>
        public bool IsMoreToCome => (Flags & MoreToCome) != 0;
    }

    public static Request Parse(WireMessage message)
    {
        var body = message.Body;
        var position = 0;
        var flags = (uint)BsonSlices.ReadInt32(body, ref position, body.Length);
        var unknownRequired = flags & 0xFFFF & ~KnownRequiredBits;
        if (unknownRequired != 0)
        {
            throw new ProtocolViolationException($"OP_MSG has unknown required flag bits 0x{unknownRequired:x}");
        }

        var end = body.Length;
        if ((flags & ChecksumPresent) != 0)
        {
            end -= 4;
            if (end < position)
            {
                throw new ProtocolViolationException("OP_MSG too short for its checksum");
            }

            var expected = BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(end));
            if (Checksum(message, end) != expected)
            {
                throw new ProtocolViolationException("OP_MSG checksum mismatch");
            }
        }

        BsonDocument? command = null;
        var sequences = new List<(string Identifier, BsonArray Documents)>();
        while (position < end)
        {
            var kind = body[position++];
            switch (kind)
            {
                case 0:
                    if (command is not null)
                    {
                        throw new ProtocolViolationException("OP_MSG has more than one body section");
                    }

                    command = BsonSlices.ReadDocument(body, ref position, end);
                    break;
                case 1:
                    var start = position;
                    var size = BsonSlices.ReadInt32(body, ref position, end);
                    if (size < 5 || size > end - start)
                    {
                        throw new ProtocolViolationException($"OP_MSG document sequence claims {size} bytes at byte {start}");
                    }

                    var sequenceEnd = start + size;
                    var identifier = BsonSlices.ReadCString(body, ref position, sequenceEnd);
                    var documents = new BsonArray();
                    while (position < sequenceEnd)
                    {
                        // Inserted documents stay their exact bytes (the store writes them byte for byte; a parsed
                        // BsonDocument would normalize -0.0 and old binary subtype 2); they are still validated.
                        documents.Add(identifier == "documents"
                            ? BsonSlices.ReadRawDocument(body, ref position, sequenceEnd)
                            : BsonSlices.ReadDocument(body, ref position, sequenceEnd));
                    }

                    sequences.Add((identifier, documents));
                    break;
                default:
                    throw new ProtocolViolationException($"OP_MSG has unknown section kind {kind}");
            }
        }

        if (command is null)
        {
            throw new ProtocolViolationException("OP_MSG has no body section");
        }

        foreach (var (identifier, documents) in sequences)
        {
            if (command.Contains(identifier))
            {
                throw new ProtocolViolationException($"OP_MSG document sequence '{identifier}' duplicates a field of the body");
            }

            command[identifier] = documents;
        }

        return new Request(flags, command);
    }

    /// <summary>A reply: flag bits 0 and one kind-0 section.</summary>
    public static byte[] Reply(BsonDocument reply)
    {
        var document = BsonSlices.ToBytes(reply);
        var body = new byte[4 + 1 + document.Length];
        body[4] = 0;
        document.CopyTo(body, 5);
        return body;
    }

    /// <summary>CRC-32C (Castagnoli) of the header and body up to the checksum, as OP_MSG defines it.</summary>
    private static uint Checksum(WireMessage message, int bodyEnd)
    {
        Span<byte> header = stackalloc byte[WireLimits.HeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(header, WireLimits.HeaderSize + message.Body.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], message.RequestId);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], message.ResponseTo);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], (int)message.OpCode);
        var crc = uint.MaxValue;
        foreach (var b in header)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        foreach (var b in message.Body.AsSpan(0, bodyEnd))
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
