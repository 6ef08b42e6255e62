using System.Buffers.Binary;
using System.Text.Unicode;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Checks one BSON document byte by byte — length prefixes, terminators, element types, nested documents and
/// arrays (keys "0", "1", …), string lengths and UTF-8 — without materialising it, so verifying a backup costs
/// one pass over its bytes. Returns the first problem with its offset inside the document.
/// </summary>
public static class BsonDocumentValidator
{
    /// <summary>The largest document MongoDB stores (16 MiB).</summary>
    public const int MaxDocumentSize = 16 * 1024 * 1024;

    // Real dumps nest 500 levels (mongo-tools' deep_nested.bson); the bound only stops runaway recursion.
    private const int MaxDepth = 1000;

    /// <summary>Validates <paramref name="document"/>; null when sound, else the problem and its offset.</summary>
    public static BsonProblem? Validate(ReadOnlySpan<byte> document)
    {
        if (document.Length < 5)
        {
            return new BsonProblem(0, $"a document needs at least 5 bytes, found {document.Length}");
        }

        var declared = BinaryPrimitives.ReadInt32LittleEndian(document);
        if (declared != document.Length)
        {
            return new BsonProblem(0, $"length prefix says {declared} bytes but the document has {document.Length}");
        }

        return ValidateDocument(document, 0, document.Length, isArray: false, depth: 0);
    }

    private static BsonProblem? ValidateDocument(ReadOnlySpan<byte> data, int start, int length, bool isArray, int depth)
    {
        if (depth > MaxDepth)
        {
            return new BsonProblem(start, $"documents nested deeper than {MaxDepth} levels");
        }

        var end = start + length;
        if (data[end - 1] != 0)
        {
            return new BsonProblem(end - 1, $"expected the document terminator 0x00, found 0x{data[end - 1]:x2}");
        }

        var position = start + 4;
        var index = 0;
        while (position < end - 1)
        {
            var typeOffset = position;
            var type = data[position++];
            var nameStart = position;
            var nameEnd = FieldNameLength(data[position..(end - 1)], out var ascii);
            if (nameEnd < 0)
            {
                return new BsonProblem(nameStart, "field name is not terminated by 0x00 inside its document");
            }

            var name = data.Slice(nameStart, nameEnd);
            if (!ascii && !Utf8.IsValid(name))
            {
                return new BsonProblem(nameStart, "field name is not valid UTF-8");
            }

            if (isArray && !IsArrayKey(name, index))
            {
                return new BsonProblem(nameStart, $"array element key should be \"{index}\"");
            }

            position = nameStart + nameEnd + 1;
            var problem = ValidateValue(data, type, typeOffset, ref position, end - 1, depth);
            if (problem is not null)
            {
                return problem;
            }

            index++;
        }

        return position == end - 1
            ? null
            : new BsonProblem(end - 1, "element runs past the end of its document");
    }

    /// <summary>
    /// The length of the C string at the start of <paramref name="data"/> (-1 when unterminated), noting whether it
    /// is all ASCII. Field names are short, so one scalar pass beats a vectorised search plus a UTF-8 check.
    /// </summary>
    private static int FieldNameLength(ReadOnlySpan<byte> data, out bool ascii)
    {
        byte seen = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == 0)
            {
                ascii = seen < 0x80;
                return i;
            }

            seen |= b;
        }

        ascii = false;
        return -1;
    }

    private static BsonProblem? ValidateValue(ReadOnlySpan<byte> data, byte type, int typeOffset, ref int position, int limit, int depth)
    {
        switch (type)
        {
            case 0x01 or 0x09 or 0x11 or 0x12: // double, datetime, timestamp, int64
                return Skip(8, ref position, limit);
            case 0x10: // int32
                return Skip(4, ref position, limit);
            case 0x13: // decimal128
                return Skip(16, ref position, limit);
            case 0x07: // ObjectId
                return Skip(12, ref position, limit);
            case 0x06 or 0x0A or 0x7F or 0xFF: // undefined, null, maxKey, minKey
                return null;
            case 0x08:
                if (position >= limit)
                {
                    return new BsonProblem(position, "boolean value runs past the end of its document");
                }

                return data[position] > 1
                    ? new BsonProblem(position, $"boolean must be 0x00 or 0x01, found 0x{data[position]:x2}")
                    : Skip(1, ref position, limit);
            case 0x02 or 0x0D or 0x0E: // string, JavaScript code, symbol
                return ValidateString(data, ref position, limit);
            case 0x03 or 0x04:
                return ValidateEmbedded(data, ref position, limit, type == 0x04, depth);
            case 0x05:
                return ValidateBinary(data, ref position, limit);
            case 0x0B: // regex: two cstrings
                return ValidateCString(data, ref position, limit) ?? ValidateCString(data, ref position, limit);
            case 0x0C: // DBPointer: string + ObjectId
                return ValidateString(data, ref position, limit) ?? Skip(12, ref position, limit);
            case 0x0F:
                return ValidateCodeWithScope(data, ref position, limit, depth);
            default:
                return new BsonProblem(typeOffset, $"unknown element type 0x{type:x2}");
        }
    }

    private static BsonProblem? Skip(int count, ref int position, int limit)
    {
        if (limit - position < count)
        {
            return new BsonProblem(position, $"value needs {count} bytes but only {limit - position} remain in its document");
        }

        position += count;
        return null;
    }

    private static BsonProblem? ValidateString(ReadOnlySpan<byte> data, ref int position, int limit)
    {
        if (limit - position < 4)
        {
            return new BsonProblem(position, "string length prefix runs past the end of its document");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
        if (length < 1 || length > limit - position - 4)
        {
            return new BsonProblem(position, $"string length {length} does not fit in its document");
        }

        var body = data.Slice(position + 4, length);
        if (body[^1] != 0)
        {
            return new BsonProblem(position + 4 + length - 1, "string is not terminated by 0x00");
        }

        if (!IsUtf8(body[..^1]))
        {
            return new BsonProblem(position + 4, "string is not valid UTF-8");
        }

        position += 4 + length;
        return null;
    }

    private static BsonProblem? ValidateCString(ReadOnlySpan<byte> data, ref int position, int limit)
    {
        var end = data[position..limit].IndexOf((byte)0);
        if (end < 0)
        {
            return new BsonProblem(position, "C string is not terminated by 0x00 inside its document");
        }

        if (!IsUtf8(data.Slice(position, end)))
        {
            return new BsonProblem(position, "C string is not valid UTF-8");
        }

        position += end + 1;
        return null;
    }

    private static BsonProblem? ValidateEmbedded(ReadOnlySpan<byte> data, ref int position, int limit, bool isArray, int depth)
    {
        if (limit - position < 5)
        {
            return new BsonProblem(position, "embedded document runs past the end of its parent");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
        if (length < 5 || length > limit - position)
        {
            return new BsonProblem(position, $"embedded {(isArray ? "array" : "document")} length {length} does not fit in its parent");
        }

        var problem = ValidateDocument(data, position, length, isArray, depth + 1);
        position += length;
        return problem;
    }

    private static BsonProblem? ValidateBinary(ReadOnlySpan<byte> data, ref int position, int limit)
    {
        if (limit - position < 5)
        {
            return new BsonProblem(position, "binary header runs past the end of its document");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
        if (length < 0 || length > limit - position - 5)
        {
            return new BsonProblem(position, $"binary length {length} does not fit in its document");
        }

        var subtype = data[position + 4];
        if (subtype == 0x02)
        {
            // The old binary subtype repeats the length inside the payload.
            var inner = length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(data[(position + 5)..]) : -1;
            if (inner != length - 4)
            {
                return new BsonProblem(position + 5, $"old binary (subtype 2) inner length should be {length - 4}");
            }
        }

        position += 5 + length;
        return null;
    }

    private static BsonProblem? ValidateCodeWithScope(ReadOnlySpan<byte> data, ref int position, int limit, int depth)
    {
        var start = position;
        if (limit - position < 4)
        {
            return new BsonProblem(position, "code-with-scope length runs past the end of its document");
        }

        var total = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
        if (total < 14 || total > limit - position)
        {
            return new BsonProblem(position, $"code-with-scope length {total} does not fit in its document");
        }

        var innerLimit = start + total;
        position += 4;
        var problem = ValidateString(data, ref position, innerLimit) ?? ValidateEmbedded(data, ref position, innerLimit, false, depth);
        if (problem is not null)
        {
            return problem;
        }

        if (position != innerLimit)
        {
            return new BsonProblem(start, $"code-with-scope length {total} does not match its contents ({position - start} bytes)");
        }

        return null;
    }

    private static bool IsArrayKey(ReadOnlySpan<byte> name, int index)
    {
        // The decimal form of index: digits only, no leading zero (except "0" itself).
        if (name.Length is 0 or > 10 || (name[0] == (byte)'0' && name.Length > 1))
        {
            return false;
        }

        long value = 0;
        foreach (var digit in name)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return value == index;
    }

    /// <summary>Valid UTF-8; the vectorised ASCII check first, since almost all stored text is ASCII.</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> text) => System.Text.Ascii.IsValid(text) || Utf8.IsValid(text);
}

/// <summary>A problem found in a BSON document: the offset (inside the document) and what was expected.</summary>
public sealed record BsonProblem(int Offset, string Message);
