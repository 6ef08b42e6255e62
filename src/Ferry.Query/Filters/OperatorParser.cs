using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// Parses the operator document of one field (<c>{ $gt: 1, $lt: 9 }</c>) into an <see cref="OperatorClause"/>,
/// validating each operand with MongoDB's error codes and messages.
/// </summary>
internal static class OperatorParser
{
    private static readonly HashSet<string> GeoOperators = new(StringComparer.Ordinal)
    {
        "$near", "$nearSphere", "$geoWithin", "$geoIntersects", "$within", "$maxDistance", "$minDistance",
        "$box", "$center", "$centerSphere", "$polygon", "$geometry",
    };

    public static OperatorClause Parse(BsonDocument operators, QueryContext context)
    {
        var clauses = new List<OperatorClause>();
        var regexDone = false;
        foreach (var element in operators)
        {
            var name = element.Name;
            var operand = element.Value;
            switch (name)
            {
                case "$eq":
                    clauses.Add(Leaf(new EqualityPredicate(operand)));
                    break;
                case "$ne":
                    if (operand is BsonRegularExpression)
                    {
                        throw ErrorCodes.Bad("Can't have regex as arg to $ne.");
                    }

                    clauses.Add(new OperatorClause.Not(Leaf(new EqualityPredicate(operand))));
                    break;
                case "$gt":
                case "$gte":
                case "$lt":
                case "$lte":
                    clauses.Add(Leaf(ParseComparison(name, operand)));
                    break;
                case "$in":
                    clauses.Add(Leaf(ParseIn(name, operand)));
                    break;
                case "$nin":
                    clauses.Add(new OperatorClause.Not(Leaf(ParseIn(name, operand))));
                    break;
                case "$exists":
                    OperatorClause exists = Leaf(new ExistsPredicate());
                    clauses.Add(IsTrue(operand) ? exists : new OperatorClause.Not(exists));
                    break;
                case "$type":
                    clauses.Add(Leaf(TypeAliases.Parse(operand)));
                    break;
                case "$size":
                    clauses.Add(Leaf(ParseSize(operand)));
                    break;
                case "$mod":
                    clauses.Add(Leaf(ParseMod(operand)));
                    break;
                case "$regex":
                case "$options":
                    if (!regexDone)
                    {
                        clauses.Add(Leaf(ParseRegex(operators)));
                        regexDone = true;
                    }

                    break;
                case "$all":
                    clauses.Add(ParseAll(operand, context));
                    break;
                case "$elemMatch":
                    clauses.Add(Leaf(ParseElemMatch(operand, context)));
                    break;
                case "$not":
                    clauses.Add(new OperatorClause.Not(ParseNot(operand, context)));
                    break;
                case "$bitsAllSet":
                case "$bitsAnySet":
                case "$bitsAllClear":
                case "$bitsAnyClear":
                    clauses.Add(Leaf(BitsPredicate.Parse(name, operand)));
                    break;
                default:
                    if (GeoOperators.Contains(name))
                    {
                        throw ErrorCodes.Bad(name + " is not supported: Ferry's query engine has no geospatial queries");
                    }

                    throw ErrorCodes.Bad("unknown operator: " + name);
            }
        }

        return clauses.Count == 1 ? clauses[0] : new OperatorClause.All(clauses);
    }

    private static OperatorClause.Leaf Leaf(ValuePredicate predicate) => new(predicate);

    /// <summary>MongoDB's BSONElement::trueValue: false, zero, null and undefined are false; everything else true.</summary>
    private static bool IsTrue(BsonValue value) => value.BsonType switch
    {
        BsonType.Boolean => value.AsBoolean,
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => BsonValueComparer.ToDouble(value) != 0,
        BsonType.Null or BsonType.Undefined => false,
        _ => true,
    };

    private static ComparisonPredicate ParseComparison(string name, BsonValue operand)
    {
        if (operand is BsonRegularExpression)
        {
            throw ErrorCodes.Bad("Can't have RegEx as arg to predicate over field '" + name + "'.");
        }

        if (operand.BsonType == BsonType.Undefined)
        {
            throw ErrorCodes.Bad("cannot compare to undefined");
        }

        var op = name switch
        {
            "$gt" => ComparisonOperator.GreaterThan,
            "$gte" => ComparisonOperator.GreaterThanOrEqual,
            "$lt" => ComparisonOperator.LessThan,
            _ => ComparisonOperator.LessThanOrEqual,
        };
        return new ComparisonPredicate(op, operand);
    }

    private static InPredicate ParseIn(string name, BsonValue operand)
    {
        if (operand is not BsonArray items)
        {
            throw ErrorCodes.Bad(name + " needs an array");
        }

        var values = new List<BsonValue>();
        var regexes = new List<RegexPredicate>();
        foreach (var item in items)
        {
            if (item is BsonDocument d && FilterParser.IsOperatorDocument(d))
            {
                throw ErrorCodes.Bad("cannot nest $ under " + name);
            }

            if (item.BsonType == BsonType.Undefined)
            {
                throw ErrorCodes.Bad("InMatchExpression equality cannot be undefined");
            }

            if (item is BsonRegularExpression regex)
            {
                regexes.Add(RegexPredicate.Create(regex.Pattern, regex.Options));
            }
            else
            {
                values.Add(item);
            }
        }

        return new InPredicate(values, regexes);
    }

    private static SizePredicate ParseSize(BsonValue operand)
    {
        int size;
        switch (operand.BsonType)
        {
            case BsonType.Int32:
                size = operand.AsInt32;
                break;
            case BsonType.Int64 when operand.AsInt64 is >= int.MinValue and <= int.MaxValue:
                size = (int)operand.AsInt64;
                break;
            case BsonType.Int64:
                throw ErrorCodes.Bad("$size must be representable as a 32-bit integer");
            case BsonType.Double when operand.AsDouble == Math.Truncate(operand.AsDouble) && Math.Abs(operand.AsDouble) <= int.MaxValue:
                size = (int)operand.AsDouble;
                break;
            case BsonType.Double:
                throw ErrorCodes.Bad("$size must be a whole number");
            default:
                throw ErrorCodes.Bad("$size needs a number");
        }

        if (size < 0)
        {
            throw ErrorCodes.Bad("$size may not be negative");
        }

        return new SizePredicate(size);
    }

    private static ModPredicate ParseMod(BsonValue operand)
    {
        if (operand is not BsonArray args)
        {
            throw ErrorCodes.Bad("malformed mod, needs to be an array");
        }

        if (args.Count < 2)
        {
            throw ErrorCodes.Bad("malformed mod, not enough elements");
        }

        if (args.Count > 2)
        {
            throw ErrorCodes.Bad("malformed mod, too many elements");
        }

        if (!BsonTypeOrder.IsNumber(args[0]))
        {
            throw ErrorCodes.Bad("malformed mod, divisor not a number");
        }

        if (!BsonTypeOrder.IsNumber(args[1]))
        {
            throw ErrorCodes.Bad("malformed mod, remainder not a number");
        }

        var divisor = ModPredicate.TruncateToLong(BsonValueComparer.ToDouble(args[0]))
            ?? throw ErrorCodes.Bad("malformed mod, divisor value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type");
        var remainder = ModPredicate.TruncateToLong(BsonValueComparer.ToDouble(args[1]))
            ?? throw ErrorCodes.Bad("malformed mod, remainder value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type");
        if (args[0].BsonType == BsonType.Int64)
        {
            divisor = args[0].AsInt64;
        }

        if (args[1].BsonType == BsonType.Int64)
        {
            remainder = args[1].AsInt64;
        }

        if (divisor == 0)
        {
            throw ErrorCodes.Bad("divisor cannot be 0");
        }

        return new ModPredicate(divisor, remainder);
    }

    private static RegexPredicate ParseRegex(BsonDocument operators)
    {
        var hasRegex = operators.TryGetValue("$regex", out var regex);
        var hasOptions = operators.TryGetValue("$options", out var options);
        if (!hasRegex)
        {
            throw ErrorCodes.Bad("$options needs a $regex");
        }

        if (hasOptions && options is not BsonString)
        {
            throw ErrorCodes.Bad("$options has to be a string");
        }

        var optionText = hasOptions ? options.AsString : string.Empty;
        switch (regex)
        {
            case BsonString pattern:
                return RegexPredicate.Create(pattern.Value, optionText);
            case BsonRegularExpression literal:
                if (hasOptions && literal.Options.Length > 0)
                {
                    throw ErrorCodes.Create(51075, "options set in both $regex and $options");
                }

                return RegexPredicate.Create(literal.Pattern, hasOptions ? optionText : literal.Options);
            default:
                throw ErrorCodes.Bad("$regex has to be a string");
        }
    }

    private static OperatorClause ParseAll(BsonValue operand, QueryContext context)
    {
        if (operand is not BsonArray items)
        {
            throw ErrorCodes.Bad("$all needs an array");
        }

        if (items.Count == 0)
        {
            return new OperatorClause.Constant(false);
        }

        var clauses = new List<OperatorClause>(items.Count);
        var elemMatchForm = IsElemMatch(items[0]);
        foreach (var item in items)
        {
            if (IsElemMatch(item) != elemMatchForm)
            {
                throw ErrorCodes.Bad("$all/$elemMatch has to be consistent");
            }

            if (elemMatchForm)
            {
                clauses.Add(Leaf(ParseElemMatch(item.AsBsonDocument[0], context)));
            }
            else if (item is BsonDocument d && FilterParser.IsOperatorDocument(d))
            {
                throw ErrorCodes.Bad("no $ expressions in $all");
            }
            else if (item is BsonRegularExpression regex)
            {
                clauses.Add(Leaf(RegexPredicate.Create(regex.Pattern, regex.Options)));
            }
            else
            {
                clauses.Add(Leaf(new EqualityPredicate(item)));
            }
        }

        return new OperatorClause.All(clauses);
    }

    private static bool IsElemMatch(BsonValue item) =>
        item is BsonDocument { ElementCount: > 0 } d && d.GetElement(0).Name == "$elemMatch";

    private static ValuePredicate ParseElemMatch(BsonValue operand, QueryContext context)
    {
        if (operand is not BsonDocument query)
        {
            throw ErrorCodes.Bad("$elemMatch needs an Object");
        }

        if (FilterParser.IsOperatorDocument(query) && !IsTopLevelOperator(query.GetElement(0).Name))
        {
            return new ElemMatchValuePredicate(Parse(query, context).ToElementPredicate());
        }

        return new ElemMatchObjectPredicate(FilterParser.Parse(query, context, topLevel: false));
    }

    private static bool IsTopLevelOperator(string name) =>
        name is "$and" or "$or" or "$nor" or "$expr" or "$where" or "$text" or "$comment" or "$jsonSchema" or "$alwaysTrue" or "$alwaysFalse";

    private static OperatorClause ParseNot(BsonValue operand, QueryContext context)
    {
        switch (operand)
        {
            case BsonRegularExpression regex:
                return Leaf(RegexPredicate.Create(regex.Pattern, regex.Options));
            case BsonDocument { ElementCount: 0 }:
                throw ErrorCodes.Bad("$not cannot be empty");
            case BsonDocument inner:
                return Parse(inner, context);
            default:
                throw ErrorCodes.Bad("$not needs a regex or a document");
        }
    }
}
