using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>The ordering operators of a comparison.</summary>
internal enum ComparisonOperator
{
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

/// <summary>
/// <c>$lt $lte $gt $gte</c>: compare only within one type bracket (numbers with numbers, strings with strings...),
/// except that MinKey is below and MaxKey above everything (missing included); NaN equals only NaN; inclusive null
/// bounds match missing.
/// </summary>
internal sealed class ComparisonPredicate(ComparisonOperator op, BsonValue operand) : ValuePredicate
{
    private bool IncludesEqual => op is ComparisonOperator.LessThanOrEqual or ComparisonOperator.GreaterThanOrEqual;

    private bool IsLess => op is ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual;

    public override bool Matches(BsonValue? value)
    {
        if (operand.IsBsonNull)
        {
            return IncludesEqual && (value is null || value.IsBsonNull);
        }

        // A missing value ranks with undefined (bracket 0): only MinKey/MaxKey bounds reach it.
        if (value is null || BsonTypeOrder.Canonical(value) != BsonTypeOrder.Canonical(operand))
        {
            return operand.BsonType switch
            {
                BsonType.MinKey => !IsLess,
                BsonType.MaxKey => IsLess,
                _ => false,
            };
        }

        if (BsonTypeOrder.IsNumber(value) && (IsNaN(value) || IsNaN(operand)))
        {
            return IncludesEqual && IsNaN(value) && IsNaN(operand);
        }

        var c = BsonValueComparer.Instance.Compare(value, operand);
        return op switch
        {
            ComparisonOperator.LessThan => c < 0,
            ComparisonOperator.LessThanOrEqual => c <= 0,
            ComparisonOperator.GreaterThan => c > 0,
            _ => c >= 0,
        };
    }

    internal static bool IsNaN(BsonValue number) => number.BsonType switch
    {
        BsonType.Double => double.IsNaN(number.AsDouble),
        BsonType.Decimal128 => Decimal128.IsNaN(number.AsDecimal128),
        _ => false,
    };
}
