using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary><c>$exists: true</c> (false is its negation at the path level).</summary>
internal sealed class ExistsPredicate : ValuePredicate
{
    public override bool Matches(BsonValue? value) => value is not null;
}

/// <summary><c>$type</c>: the value's BSON type is one of the listed types ("number" covers all four numeric types).</summary>
internal sealed class TypePredicate(IReadOnlySet<BsonType> types, bool anyNumber) : ValuePredicate
{
    public override bool Matches(BsonValue? value) =>
        value is not null && (types.Contains(value.BsonType) || (anyNumber && BsonTypeOrder.IsNumber(value)));
}

/// <summary><c>$mod: [divisor, remainder]</c> on numbers truncated to 64-bit integers; NaN and infinities never match.</summary>
internal sealed class ModPredicate(long divisor, long remainder) : ValuePredicate
{
    public override bool Matches(BsonValue? value)
    {
        if (value is null || !BsonTypeOrder.IsNumber(value))
        {
            return false;
        }

        var number = value.BsonType switch
        {
            BsonType.Int32 => value.AsInt32,
            BsonType.Int64 => value.AsInt64,
            _ => TruncateToLong(BsonValueComparer.ToDouble(value)),
        };
        if (number is null)
        {
            return false;
        }

        // long.MinValue % -1 overflows in .NET; mathematically the remainder is 0.
        var actual = divisor == -1 ? 0 : number.Value % divisor;
        return actual == remainder;
    }

    /// <summary>The value truncated toward zero, or null when it is NaN, infinite or outside the 64-bit range.</summary>
    internal static long? TruncateToLong(double d)
    {
        if (double.IsNaN(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
        {
            return null;
        }

        return (long)Math.Truncate(d);
    }
}
