using System.Buffers.Binary;
using System.Text;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Keys;

/// <summary>
/// Order-preserving binary encoding of BSON values: comparing two encodings byte by byte (memcmp, SQLite's BLOB
/// order) gives the same answer as <see cref="BsonValueComparer"/> (MongoDB's order). Values MongoDB considers
/// equal encode identically (1, 1L, 1.0 and 1m are one key, as in MongoDB's <c>_id</c> index), so a UNIQUE
/// column of encodings enforces MongoDB's uniqueness and a range of encodings is a range of values.
/// Every encoding is prefix-free, so compound keys are plain concatenations.
/// </summary>
public static class KeyEncoder
{
    /// <summary>Encodes one value.</summary>
    public static byte[] Encode(BsonValue value)
    {
        if (value is BsonObjectId objectId)
        {
            // The commonest _id, encoded straight into its final array (the bulk insert path's hot spot).
            var key = new byte[13];
            key[0] = TypeByte(BsonType.ObjectId);
            objectId.Value.ToByteArray(key, 1);
            return key;
        }

        var buffer = new KeyBuffer();
        Append(buffer, value);
        return buffer.ToArray();
    }

    /// <summary>Encodes several values as one compound key (an index key over several fields).</summary>
    public static byte[] EncodeCompound(IEnumerable<BsonValue> values)
    {
        var buffer = new KeyBuffer();
        foreach (var value in values)
        {
            Append(buffer, value);
        }

        return buffer.ToArray();
    }

    /// <summary>The first byte of every encoding of a value of <paramref name="type"/>: its canonical type bracket.</summary>
    public static byte TypeByte(BsonType type) => (byte)(BsonTypeOrder.Canonical(type) + 2);

    /// <summary>An encoding greater than every value of <paramref name="type"/>'s bracket and smaller than the next bracket.</summary>
    public static byte[] UpperBoundOfBracket(BsonType type) => [(byte)(TypeByte(type) + 1)];

    /// <summary>An encoding smaller than every value of <paramref name="type"/>'s bracket.</summary>
    public static byte[] LowerBoundOfBracket(BsonType type) => [TypeByte(type)];

    internal static void Append(KeyBuffer buffer, BsonValue value)
    {
        buffer.Add(TypeByte(value.BsonType));
        AppendBody(buffer, value);
    }

    private static void AppendBody(KeyBuffer buffer, BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.MinKey:
            case BsonType.MaxKey:
            case BsonType.Null:
            case BsonType.Undefined:
                return;
            case BsonType.Int32:
            case BsonType.Int64:
            case BsonType.Double:
            case BsonType.Decimal128:
                NumberKeyEncoder.Append(buffer, value);
                return;
            case BsonType.String:
                AppendString(buffer, value.AsString);
                return;
            case BsonType.Symbol:
                AppendString(buffer, value.AsBsonSymbol.Name);
                return;
            case BsonType.Document:
                AppendDocument(buffer, value.AsBsonDocument);
                return;
            case BsonType.Array:
                foreach (var item in value.AsBsonArray)
                {
                    Append(buffer, item);
                }

                buffer.Add(0);
                return;
            case BsonType.Binary:
                var binary = value.AsBsonBinaryData;
                Span<byte> length = stackalloc byte[4];
                BinaryPrimitives.WriteInt32BigEndian(length, binary.Bytes.Length);
                buffer.Add(length);
                buffer.Add((byte)binary.SubType);
                buffer.Add(binary.Bytes);
                return;
            case BsonType.ObjectId:
                buffer.Add(value.AsObjectId.ToByteArray());
                return;
            case BsonType.Boolean:
                buffer.Add(value.AsBoolean ? (byte)1 : (byte)0);
                return;
            case BsonType.DateTime:
                AppendInt64(buffer, value.AsBsonDateTime.MillisecondsSinceEpoch);
                return;
            case BsonType.Timestamp:
                Span<byte> ts = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(ts, (ulong)value.AsBsonTimestamp.Value);
                buffer.Add(ts);
                return;
            case BsonType.RegularExpression:
                AppendString(buffer, value.AsBsonRegularExpression.Pattern);
                AppendString(buffer, value.AsBsonRegularExpression.Options);
                return;
            case BsonType.JavaScript:
                AppendString(buffer, value.AsBsonJavaScript.Code);
                return;
            case BsonType.JavaScriptWithScope:
                AppendString(buffer, value.AsBsonJavaScriptWithScope.Code);
                AppendDocument(buffer, value.AsBsonJavaScriptWithScope.Scope);
                return;
            default:
                throw new ArgumentException("cannot encode a key of BSON type " + value.BsonType, nameof(value));
        }
    }

    private static void AppendDocument(KeyBuffer buffer, BsonDocument document)
    {
        // MongoDB compares documents element by element: value type bracket, field name, value; shorter first.
        foreach (var element in document)
        {
            buffer.Add(TypeByte(element.Value.BsonType));
            AppendString(buffer, element.Name);
            AppendBody(buffer, element.Value);
        }

        buffer.Add(0);
    }

    private static void AppendInt64(KeyBuffer buffer, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)value ^ 0x8000_0000_0000_0000UL);
        buffer.Add(bytes);
    }

    /// <summary>UTF-8 bytes (code point order) with 0x00 escaped as 00 FF and terminated by 00 01, so it is prefix-free.</summary>
    private static void AppendString(KeyBuffer buffer, string value)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = maxBytes <= 256 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var count = Encoding.UTF8.GetBytes(value, rented);
        var utf8 = rented[..count];
        var start = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == 0)
            {
                buffer.Add(utf8[start..i]);
                buffer.Add(0);
                buffer.Add(0xFF);
                start = i + 1;
            }
        }

        buffer.Add(utf8[start..]);
        buffer.Add(0);
        buffer.Add(1);
    }
}
