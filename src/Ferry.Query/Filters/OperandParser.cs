using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// Validates and converts the operands of the single-value field operators ($gt..., $in, $size, $mod, $regex),
/// with MongoDB's error codes and messages.
/// </summary>
internal static class OperandParser
{
    /// <summary>MongoDB's BSONElement::trueValue: false, zero, null and undefined are false; everything else true.</summary>
    internal static bool IsTrue(BsonValue value) => value.BsonType switch
    {
        BsonType.Boolean => value.AsBoolean,
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => BsonValueComparer.ToDouble(value) != 0,
        BsonType.Null or BsonType.Undefined => false,
        _ => true,
    };

    internal static ComparisonPredicate ParseComparison(string path, string name, BsonValue operand)
    {
        if (operand is BsonRegularExpression)
        {
            throw ErrorCodes.Bad("Can't have RegEx as arg to predicate over field '" + path + "'.");
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

    internal static InPredicate ParseIn(string name, BsonValue operand)
    {
        if (operand is not BsonArray items)
        {
            throw ErrorCodes.Bad(name + " needs an array");
        }

        var values = new List<BsonValue>();
        var regexes = new List<RegexPredicate>();
        foreach (var item in items)
        {
            if (item is BsonDocument d && FilterParser.IsOperatorDocument(d, allowIncompleteDbRef: false))
            {
                throw ErrorCodes.Bad("cannot nest $ under $in");
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

    internal static SizePredicate ParseSize(BsonValue operand)
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

    internal static ModPredicate ParseMod(BsonValue operand)
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
            ?? throw ErrorCodes.Bad("malformed mod, divisor value is invalid :: caused by :: Unable to coerce value to integral type");
        var remainder = ModPredicate.TruncateToLong(BsonValueComparer.ToDouble(args[1]))
            ?? throw ErrorCodes.Bad("malformed mod, remainder value is invalid :: caused by :: Unable to coerce value to integral type");
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

    /// <summary>Reads <c>$regex</c> and <c>$options</c> (in either order) with MongoDB's checks and codes.</summary>
    internal static RegexPredicate ParseRegex(BsonDocument operators)
    {
        string? pattern = null;
        var options = string.Empty;
        foreach (var element in operators)
        {
            if (element.Name == "$regex")
            {
                switch (element.Value)
                {
                    case BsonString text:
                        pattern = text.Value;
                        break;
                    case BsonRegularExpression literal:
                        pattern = literal.Pattern;
                        if (literal.Options.Length > 0)
                        {
                            if (options.Length > 0)
                            {
                                throw ErrorCodes.Create(51074, "options set in both $regex and $options");
                            }

                            options = literal.Options;
                        }

                        break;
                    default:
                        throw ErrorCodes.Bad("$regex has to be a string");
                }
            }
            else if (element.Name == "$options")
            {
                if (element.Value is not BsonString text)
                {
                    throw ErrorCodes.Bad("$options has to be a string");
                }

                if (options.Length > 0)
                {
                    throw ErrorCodes.Create(51075, "options set in both $regex and $options");
                }

                options = text.Value;
            }
        }

        if (pattern is null)
        {
            throw ErrorCodes.Bad("$options needs a $regex");
        }

        return RegexPredicate.Create(pattern, options);
    }
}
