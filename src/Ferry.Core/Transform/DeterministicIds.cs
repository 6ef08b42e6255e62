using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>
/// New target ids that are a pure function of (target collection, source <c>_id</c>), so a resumed or repeated run
/// produces the same ids and its writes are idempotent.
/// <list type="bullet">
/// <item>An ObjectId source keeps its timestamp (creation order survives); its other 8 bytes, read as a big-endian
/// number, are shifted by an odd offset derived from the target name (SHA-256), modulo 2^64. The map is one-to-one,
/// never the identity, differs per target collection, and keeps source order (but for one wrap-around), so a
/// collection's new ids arrive in ascending order and are appended to the target's <c>_id</c> index instead of
/// landing on random pages (a random order made every batch rewrite about one index page per document).</item>
/// <item>Any other source id: a fixed timestamp (2021-01-14) and 8 bytes of SHA-256 over the target name, a NUL and
/// the BSON of <c>{ id: source }</c>.</item>
/// </list>
/// The scheme is recorded in each run (<see cref="Scheme"/>); a run started under another scheme is not resumed.
/// </summary>
public static class DeterministicIds
{
    /// <summary>The version of this scheme, kept in a run's journal.</summary>
    public const int Scheme = 2;

    private static readonly ConcurrentDictionary<string, ulong> Offsets = new(StringComparer.Ordinal);

    public static ObjectId For(string targetCollection, BsonValue sourceId)
    {
        var bytes = new byte[12];
        if (sourceId is BsonObjectId objectId)
        {
            objectId.Value.ToByteArray(bytes, 0);
            var low = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(4));
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(4), unchecked(low + Offset(targetCollection)));
            return new ObjectId(bytes);
        }

        byte[] input = [.. Encoding.UTF8.GetBytes(targetCollection), 0, .. new BsonDocument("id", sourceId).ToBson()];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x60000000);
        SHA256.HashData(input).AsSpan(0, 8).CopyTo(bytes.AsSpan(4));
        return new ObjectId(bytes);
    }

    /// <summary>The target collection's offset: odd, so never zero (a new id never equals its source id).</summary>
    private static ulong Offset(string targetCollection) =>
        Offsets.GetOrAdd(targetCollection, name => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("ferry ids v2\0" + name))) | 1);
}
