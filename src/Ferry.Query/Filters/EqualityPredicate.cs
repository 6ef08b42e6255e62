using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary><c>$eq</c> (and <c>{ a: value }</c>): BSON equality; <c>null</c> also matches a missing value.</summary>
internal sealed class EqualityPredicate(BsonValue operand) : ValuePredicate
{
    public BsonValue Operand { get; } = operand;

    /// <summary>Checks the operand like MongoDB's comparison expressions: undefined cannot be compared to.</summary>
    public static EqualityPredicate Create(BsonValue operand) =>
        operand.BsonType == BsonType.Undefined ? throw ErrorCodes.Bad("cannot compare to undefined") : new EqualityPredicate(operand);

    public override bool Matches(BsonValue? value)
    {
        if (Operand.IsBsonNull)
        {
            return value is null || value.IsBsonNull;
        }

        return value is not null && BsonValueComparer.Instance.Compare(value, Operand) == 0;
    }
}
