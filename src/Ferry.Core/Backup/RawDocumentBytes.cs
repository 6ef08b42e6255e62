using MongoDB.Bson;

namespace Ferry.Core.Backup;

/// <summary>Gets the exact bytes of a <see cref="RawBsonDocument"/> without re-serialising it.</summary>
internal static class RawDocumentBytes
{
    /// <summary>The bytes, viewing the backing array when it is contiguous (valid until the document is disposed).</summary>
    public static ReadOnlyMemory<byte> View(RawBsonDocument document)
    {
        var slice = document.Slice;
        var segment = slice.AccessBackingBytes(0);
        if (segment.Array is not null && segment.Count >= slice.Length)
        {
            return new ReadOnlyMemory<byte>(segment.Array, segment.Offset, slice.Length);
        }

        return Copy(document);
    }

    public static byte[] Copy(RawBsonDocument document)
    {
        var slice = document.Slice;
        var bytes = new byte[slice.Length];
        slice.GetBytes(0, bytes, 0, slice.Length);
        return bytes;
    }
}
