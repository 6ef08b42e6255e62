using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>Which bit test a <see cref="BitsPredicate"/> performs.</summary>
internal enum BitsTest
{
    AllSet,
    AnySet,
    AllClear,
    AnyClear,
}

/// <summary>
/// <c>$bitsAllSet $bitsAnySet $bitsAllClear $bitsAnyClear</c>: bit positions tested on integral numbers (two's
/// complement, sign-extended beyond bit 63) or on binary data (little-endian bytes, missing bytes are zero).
/// </summary>
internal sealed class BitsPredicate(BitsTest test, IReadOnlyList<int> positions) : ValuePredicate
{
    public override bool Matches(BsonValue? value)
    {
        Func<int, bool>? bitAt = value switch
        {
            BsonBinaryData binary => BinaryBit(binary.Bytes),
            not null when BsonTypeOrder.IsNumber(value) && AsLong(value) is { } number => p => p >= 63 ? number < 0 : ((number >> p) & 1) == 1,
            _ => null,
        };
        if (bitAt is null)
        {
            return false;
        }

        return test switch
        {
            BitsTest.AllSet => positions.All(bitAt),
            BitsTest.AnySet => positions.Any(bitAt),
            BitsTest.AllClear => positions.All(p => !bitAt(p)),
            _ => positions.Any(p => !bitAt(p)),
        };
    }

    private static Func<int, bool> BinaryBit(byte[] bytes) =>
        p => p / 8 < bytes.Length && ((bytes[p / 8] >> (p % 8)) & 1) == 1;

    private static long? AsLong(BsonValue number)
    {
        switch (number.BsonType)
        {
            case BsonType.Int32:
                return number.AsInt32;
            case BsonType.Int64:
                return number.AsInt64;
            default:
                var d = BsonValueComparer.ToDouble(number);
                if (double.IsNaN(d) || d != Math.Truncate(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
                {
                    return null; // only integral values representable as 64-bit integers are tested
                }

                return (long)d;
        }
    }

    /// <summary>Parses the operand: a non-negative integral bitmask, an array of bit positions, or binary data.</summary>
    public static BitsPredicate Parse(string name, BsonValue operand)
    {
        var test = name switch
        {
            "$bitsAllSet" => BitsTest.AllSet,
            "$bitsAnySet" => BitsTest.AnySet,
            "$bitsAllClear" => BitsTest.AllClear,
            _ => BitsTest.AnyClear,
        };
        var positions = new List<int>();
        switch (operand)
        {
            case BsonBinaryData binary:
                for (var p = 0; p < binary.Bytes.Length * 8; p++)
                {
                    if (((binary.Bytes[p / 8] >> (p % 8)) & 1) == 1)
                    {
                        positions.Add(p);
                    }
                }

                break;
            case BsonArray array:
                foreach (var item in array)
                {
                    if (!BsonTypeOrder.IsNumber(item) || AsLong(item) is not { } p)
                    {
                        throw ErrorCodes.Bad(name + " bit positions must be an integer but got: " + item);
                    }

                    if (p < 0)
                    {
                        throw ErrorCodes.Bad(name + " bit positions must be >= 0 but got: " + item);
                    }

                    positions.Add((int)Math.Min(p, int.MaxValue));
                }

                break;
            default:
                if (!BsonTypeOrder.IsNumber(operand))
                {
                    throw ErrorCodes.Bad(name + " takes an Array, a number, or a BinData but received: " + operand);
                }

                if (AsLong(operand) is not { } mask)
                {
                    throw ErrorCodes.Create(ErrorCodes.FailedToParse, name + " cannot represent as a 64-bit integer: " + operand);
                }

                if (mask < 0)
                {
                    throw ErrorCodes.Create(ErrorCodes.FailedToParse, name + " cannot take a negative number: " + operand);
                }

                for (var p = 0; p < 63; p++)
                {
                    if (((mask >> p) & 1) == 1)
                    {
                        positions.Add(p);
                    }
                }

                break;
        }

        return new BitsPredicate(test, positions);
    }
}
