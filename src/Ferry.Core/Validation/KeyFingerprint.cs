using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>
/// A 128-bit fingerprint of a key (one or more BSON values) for uniqueness and reference checks without keeping
/// the values: 16 bytes a key however large the values. Numbers that MongoDB considers equal (1, 1L, 1.0) get the
/// same fingerprint, as in a unique index. With XxHash128 the chance of a false match among a billion keys is about 1e-21.
/// </summary>
public static class KeyFingerprint
{
    public static UInt128 Of(BsonValue? value, bool ignoreCase = false)
    {
        var hash = new XxHash128();
        Append(hash, value, ignoreCase);
        return hash.GetCurrentHashAsUInt128();
    }

    public static UInt128 Of(IReadOnlyList<BsonValue?> values, bool ignoreCase = false)
    {
        var hash = new XxHash128();
        foreach (var v in values)
        {
            Append(hash, v, ignoreCase);
        }

        return hash.GetCurrentHashAsUInt128();
    }

    private static void Append(XxHash128 hash, BsonValue? value, bool ignoreCase)
    {
        Span<byte> buffer = stackalloc byte[9];
        switch (value)
        {
            case null or BsonNull or BsonUndefined:
                buffer[0] = 5; // missing and null are one key, as in a MongoDB unique index
                hash.Append(buffer[..1]);
                return;
            case BsonInt32 or BsonInt64 or BsonDouble or BsonDecimal128:
                // MongoDB's numeric equality, exactly: the order-preserving number key (1, 1L, 1.0 and 1m are one
                // key; Decimal128 0.1 and double 0.1 are two), prefix-free so compound keys cannot run together.
                var number = new KeyBuffer();
                NumberKeyEncoder.Append(number, value);
                buffer[0] = 10;
                hash.Append(buffer[..1]);
                hash.Append(number.ToArray());
                return;
            case BsonString s:
                // Length-prefixed, so ("a\0b", "c") and ("a", "b\0c") stay apart in a compound key.
                var text = Encoding.UTF8.GetBytes(ignoreCase ? s.Value.ToLowerInvariant() : s.Value);
                buffer[0] = 15;
                BinaryPrimitives.WriteInt32LittleEndian(buffer[1..], text.Length);
                hash.Append(buffer[..5]);
                hash.Append(text);
                return;
            case BsonObjectId oid:
                buffer[0] = 35;
                hash.Append(buffer[..1]);
                hash.Append(oid.Value.ToByteArray());
                return;
            default:
                // Other types: their canonical BSON bytes inside a wrapper document, prefixed by the type.
                buffer[0] = (byte)value.BsonType;
                hash.Append(buffer[..1]);
                hash.Append(new BsonDocument("v", value).ToBson());
                return;
        }
    }
}
