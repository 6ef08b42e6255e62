using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>Parses <c>$type</c> operands: MongoDB's numeric type codes and string aliases, alone or in an array.</summary>
internal static class TypeAliases
{
    private static IReadOnlyDictionary<string, BsonType> Aliases => BsonTypeNames.ByAlias;

    public static TypePredicate Parse(string path, BsonValue operand)
    {
        var types = new HashSet<BsonType>();
        var anyNumber = false;
        var items = operand is BsonArray array ? array.ToList() : [operand];
        foreach (var item in items)
        {
            if (item.IsString)
            {
                if (item.AsString == "number")
                {
                    anyNumber = true;
                }
                else if (item.AsString == "dbPointer")
                {
                    // The C# BSON library has no DBPointer type: nothing can match it.
                }
                else if (Aliases.TryGetValue(item.AsString, out var type))
                {
                    types.Add(type);
                }
                else
                {
                    throw ErrorCodes.Bad("Unknown type name alias: " + item.AsString);
                }
            }
            else if (BsonTypeOrder.IsNumber(item))
            {
                types.Add(FromCode(item));
            }
            else
            {
                throw ErrorCodes.Type("type must be represented as a number or a string");
            }
        }

        if (types.Count == 0 && !anyNumber && items.Count == 0)
        {
            throw ErrorCodes.Create(ErrorCodes.FailedToParse, path + " must match at least one type");
        }

        return new TypePredicate(types, anyNumber);
    }

    private static BsonType FromCode(BsonValue item)
    {
        // Like MongoDB, a fractional code reads as -1 (MinKey), and the code is the value truncated to an int.
        var d = BsonValueComparer.ToDouble(item);
        var code = double.IsNaN(d) ? 0 : d >= int.MaxValue ? int.MaxValue : d <= int.MinValue ? int.MinValue : (int)d;
        if (item.BsonType != BsonType.Int32 && code != d)
        {
            code = -1;
        }

        return code switch
        {
            -1 => BsonType.MinKey,
            127 => BsonType.MaxKey,
            >= 1 and <= 19 and not 12 => (BsonType)code,
            12 => BsonType.EndOfDocument, // DBPointer: unmatchable here (see the alias above).
            _ => throw ErrorCodes.Bad("Invalid numerical type code: " + code.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}
