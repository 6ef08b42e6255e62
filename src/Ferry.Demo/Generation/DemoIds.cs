using System.Buffers.Binary;
using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>
/// Deterministic ObjectIds: 4 bytes of a fixed timestamp, 1 byte naming the collection, 3 bytes from the seed and
/// the entity's index as 4 big-endian bytes. So <c>_id</c> order is generation order within a collection, a
/// parent's id can be computed from its index without generating it, and an index at or past the collection's
/// size names a document that does not exist (how orphans are planted).
/// </summary>
internal sealed class DemoIds
{
    /// <summary>2023-11-14T22:13:20Z, the timestamp of every generated ObjectId (ids carry no clock).</summary>
    private const int Timestamp = 1_700_000_000;

    private readonly byte[] _seedBytes = new byte[3];

    public DemoIds(int seed)
    {
        var hash = EntityRandom.Mix(unchecked((ulong)seed + 0xA5A5A5A5UL));
        _seedBytes[0] = (byte)(hash >> 16);
        _seedBytes[1] = (byte)(hash >> 8);
        _seedBytes[2] = (byte)hash;
    }

    public ObjectId User(long index) => Make(CollectionTag.Users, index);

    public ObjectId Assessment(long index) => Make(CollectionTag.Assessments, index);

    public ObjectId Report(long index) => Make(CollectionTag.Reports, index);

    public ObjectId WorkflowState(long index) => Make(CollectionTag.WorkflowStates, index);

    public ObjectId AgentMetric(long index) => Make(CollectionTag.AgentMetrics, index);

    private ObjectId Make(CollectionTag tag, long index)
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteInt32BigEndian(bytes, Timestamp);
        bytes[4] = (byte)tag;
        _seedBytes.CopyTo(bytes[5..]);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[8..], checked((uint)index));
        return new ObjectId(bytes.ToArray());
    }

    private enum CollectionTag : byte
    {
        Users = 1,
        Assessments = 2,
        Reports = 3,
        WorkflowStates = 4,
        AgentMetrics = 5,
    }
}
