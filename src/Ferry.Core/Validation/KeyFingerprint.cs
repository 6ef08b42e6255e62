using System.IO.Hashing;
using System.Text;
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
                AppendNumber(hash, value, buffer);
                return;
            case BsonString s:
                buffer[0] = 15;
                hash.Append(buffer[..1]);
                var text = ignoreCase ? s.Value.ToLowerInvariant() : s.Value;
                hash.Append(Encoding.UTF8.GetBytes(text));
                buffer[0] = 0;
                hash.Append(buffer[..1]);
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

    private static void AppendNumber(XxHash128 hash, BsonValue value, Span<byte> buffer)
    {
        buffer[0] = 10;
        var d = value.BsonType == BsonType.Decimal128 ? (double)value.AsDecimal128 : value.ToDouble();
        if (value.BsonType is BsonType.Int32 or BsonType.Int64)
        {
            BitConverter.TryWriteBytes(buffer[1..], value.ToInt64());
        }
        else if (Math.Floor(d) == d && d is >= long.MinValue and < 9223372036854775808.0)
        {
            BitConverter.TryWriteBytes(buffer[1..], (long)d);
        }
        else
        {
            buffer[0] = 11;
            BitConverter.TryWriteBytes(buffer[1..], double.IsNaN(d) ? double.NaN : d);
        }

        hash.Append(buffer);
    }
}
