using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary><c>$expr</c>: an aggregation expression evaluated on the document, matched when truthy.</summary>
internal sealed class ExprNode(AggregationExpression expression) : MatchNode
{
    public override bool Matches(BsonDocument document, MatchDetails? details) => IsTruthy(expression.Evaluate(document));

    /// <summary>MongoDB's truthiness: false, null, missing, undefined and numeric zero are false; all else true.</summary>
    public static bool IsTruthy(BsonValue? value) => value switch
    {
        null => false,
        { BsonType: BsonType.Null or BsonType.Undefined } => false,
        { BsonType: BsonType.Boolean } => value.AsBoolean,
        { BsonType: BsonType.Int32 } => value.AsInt32 != 0,
        { BsonType: BsonType.Int64 } => value.AsInt64 != 0,
        { BsonType: BsonType.Double } => value.AsDouble != 0,
        { BsonType: BsonType.Decimal128 } => !Decimal128.IsZero(value.AsDecimal128),
        _ => true,
    };
}
