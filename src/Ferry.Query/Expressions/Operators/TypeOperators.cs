using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$type $isNumber $isArray, $convert and its shorthands ($toString $toInt $toLong $toDouble ...).</summary>
internal static class TypeOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$type"] = OperatorTable.Unary((_, v) => new BsonString(ExpressionErrors.TypeName(v)));
        table["$isNumber"] = OperatorTable.Unary((_, v) => BsonBoolean.Create(Values.IsNumber(v)));
        table["$isArray"] = OperatorTable.Unary((_, v) => BsonBoolean.Create(v is BsonArray));
        table["$convert"] = ParseConvert;
        foreach (var (name, target) in new[]
        {
            ("$toString", BsonType.String), ("$toInt", BsonType.Int32), ("$toLong", BsonType.Int64), ("$toDouble", BsonType.Double),
            ("$toDecimal", BsonType.Decimal128), ("$toBool", BsonType.Boolean), ("$toDate", BsonType.DateTime), ("$toObjectId", BsonType.ObjectId),
        })
        {
            table[name] = OperatorTable.Unary((_, v) => Values.IsNullish(v) ? BsonNull.Value : Conversion.Convert(v!, target));
        }
    }

    private static ExpressionNode ParseConvert(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, ["input", "to"], ["onError", "onNull", "format", "base"]);
        var input = parser.Parse(args["input"]);
        var to = parser.Parse(args["to"]);
        var onError = args.TryGetValue("onError", out var e) ? parser.Parse(e) : null;
        var onNull = args.TryGetValue("onNull", out var n) ? parser.Parse(n) : null;
        if (to.TryGetConstant(out var constantTo) && !Values.IsNullish(constantTo))
        {
            Conversion.TargetType(constantTo!);
        }

        return new LazyNode(scope =>
        {
            var value = input.Evaluate(scope);
            var target = to.Evaluate(scope);

            // A nullish input gives onNull even when 'to' is nullish too.
            if (Values.IsNullish(value))
            {
                return onNull is null ? BsonNull.Value : onNull.Evaluate(scope);
            }

            if (Values.IsNullish(target))
            {
                return BsonNull.Value;
            }

            var type = Conversion.TargetType(target!);

            try
            {
                return Conversion.Convert(value!, type);
            }
            catch (Common.MqlException error) when (error.Code == ExpressionErrors.ConversionFailure && onError is not null)
            {
                return onError.Evaluate(scope);
            }
        });
    }
}
