namespace Ferry.Query.Common;

/// <summary>A growable byte buffer for building keys without intermediate arrays.</summary>
public sealed class KeyBuffer
{
    private byte[] _bytes = new byte[32];
    private int _length;

    public int Length => _length;

    public void Add(byte value)
    {
        Ensure(1);
        _bytes[_length++] = value;
    }

    public void Add(ReadOnlySpan<byte> values)
    {
        Ensure(values.Length);
        values.CopyTo(_bytes.AsSpan(_length));
        _length += values.Length;
    }

    /// <summary>Inverts the bytes from <paramref name="start"/> to the end (descending order of that part).</summary>
    public void InvertFrom(int start)
    {
        for (var i = start; i < _length; i++)
        {
            _bytes[i] = (byte)~_bytes[i];
        }
    }

    public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

    private void Ensure(int extra)
    {
        if (_length + extra > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + extra));
        }
    }
}
