using Ferry.Store.Embedded.Keys;

namespace Ferry.Store.Embedded.Storage;

/// <summary>A half-open range of encoded keys: <see cref="Lower"/> inclusive (null: unbounded), <see cref="Upper"/> exclusive (null: unbounded).</summary>
internal sealed record KeyRange(byte[]? Lower, byte[]? Upper)
{
    public static readonly KeyRange All = new(null, null);

    /// <summary>The smallest key strictly greater than <paramref name="key"/> (encodings are prefix-free, so appending 0x00 is enough).</summary>
    public static byte[] After(byte[] key)
    {
        var next = new byte[key.Length + 1];
        key.CopyTo(next, 0);
        return next;
    }

    public static KeyRange Exactly(byte[] key) => new(key, After(key));

    public bool IsEmpty => Lower is not null && Upper is not null && ByteArrayComparer.Instance.Compare(Lower, Upper) >= 0;

    public KeyRange Intersect(KeyRange other) => new(Max(Lower, other.Lower), Min(Upper, other.Upper));

    public bool Contains(byte[] key) =>
        (Lower is null || ByteArrayComparer.Instance.Compare(key, Lower) >= 0)
        && (Upper is null || ByteArrayComparer.Instance.Compare(key, Upper) < 0);

    private static byte[]? Max(byte[]? a, byte[]? b) => a is null ? b : b is null ? a : ByteArrayComparer.Instance.Compare(a, b) >= 0 ? a : b;

    private static byte[]? Min(byte[]? a, byte[]? b) => a is null ? b : b is null ? a : ByteArrayComparer.Instance.Compare(a, b) <= 0 ? a : b;
}
