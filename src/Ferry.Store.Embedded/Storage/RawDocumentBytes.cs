using System.Buffers.Binary;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Storage;

/// <summary>
/// The bytes of a caller's raw document and its leading <c>_id</c>, read without parsing the document: the bulk
/// insert path (restores, imports, transfers) hands over documents that are already BSON, and every copy or parse
/// saved there is throughput.
/// </summary>
internal static class RawDocumentBytes
{
    private const int LeadingIdValueOffset = 9; // int32 length, type byte, "_id\0"

    /// <summary>
    /// The document's bytes: the caller's own array when the document spans all of it (nothing is kept past the
    /// write), else a copy of the slice.
    /// </summary>
    public static byte[] Of(RawBsonDocument raw)
    {
        var slice = raw.Slice;
        var backing = slice.AccessBackingBytes(0);
        if (backing.Array is { } array && backing.Offset == 0 && backing.Count == slice.Length && array.Length == slice.Length)
        {
            return array;
        }

        var bytes = new byte[slice.Length];
        slice.GetBytes(0, bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>
    /// The <c>_id</c> when it is the document's first field and an ObjectId, string or int32 (what applications and
    /// mongodump produce); null otherwise, and the caller then looks it up the general way. The bytes must already
    /// be validated.
    /// </summary>
    public static BsonValue? LeadingId(byte[] bytes)
    {
        if (bytes.Length <= LeadingIdValueOffset || bytes[5] != (byte)'_' || bytes[6] != (byte)'i' || bytes[7] != (byte)'d' || bytes[8] != 0)
        {
            return null;
        }

        ReadOnlySpan<byte> value = bytes.AsSpan(LeadingIdValueOffset);
        switch ((BsonType)bytes[4])
        {
            case BsonType.ObjectId:
                return new BsonObjectId(new ObjectId(value[..12].ToArray()));
            case BsonType.Int32:
                return new BsonInt32(BinaryPrimitives.ReadInt32LittleEndian(value));
            case BsonType.String:
                var length = BinaryPrimitives.ReadInt32LittleEndian(value);
                return new BsonString(System.Text.Encoding.UTF8.GetString(value.Slice(4, length - 1)));
            default:
                return null;
        }
    }
}
