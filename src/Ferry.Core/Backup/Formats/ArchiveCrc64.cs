namespace Ferry.Core.Backup.Formats;

/// <summary>
/// The CRC mongodump puts in archive EOF blocks: Go's <c>crc64.ECMA</c> table, i.e. CRC-64/XZ (reflected polynomial
/// 0xC96C5795D7870F42, initial value and final XOR all ones) over the namespace's document bytes. This is not
/// System.IO.Hashing's <c>Crc64</c> (CRC-64/ECMA-182, unreflected, no XOR), checked against real archives.
/// </summary>
public sealed class ArchiveCrc64
{
    private static readonly ulong[] Table = BuildTable();

    private ulong _state = ulong.MaxValue;

    public void Append(ReadOnlySpan<byte> data)
    {
        var crc = _state;
        foreach (var b in data)
        {
            crc = Table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        _state = crc;
    }

    /// <summary>The CRC of everything appended, as the signed int64 stored in the EOF block.</summary>
    public long Value => unchecked((long)(_state ^ ulong.MaxValue));

    private static ulong[] BuildTable()
    {
        const ulong polynomial = 0xC96C5795D7870F42;
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ulong)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1;
            }

            table[i] = crc;
        }

        return table;
    }
}
