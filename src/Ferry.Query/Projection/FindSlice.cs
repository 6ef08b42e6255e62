using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Projection;

/// <summary>The find-only <c>$slice</c> operand: <c>n</c> or <c>[skip, limit]</c> (projection_parser.cpp's checks).</summary>
internal static class FindSlice
{
    /// <summary>Returns null and the slice when the operand is find syntax; otherwise the reason it is not.</summary>
    public static string? TryParse(BsonValue operand, out ProjectionField.Slice? slice)
    {
        slice = null;
        if (BsonTypeOrder.IsNumber(operand))
        {
            slice = new ProjectionField.Slice(null, SafeInt(operand));
            return null;
        }

        if (operand is not BsonArray array)
        {
            return "Location31273: $slice only supports numbers and [skip, limit] arrays";
        }

        if (array.Count != 2)
        {
            return "Location31272: $slice array argument should be of form [skip, limit]";
        }

        if (!BsonTypeOrder.IsNumber(array[0]))
        {
            return "Location31257: $slice expects the skip argument to be a number, got " + array[0].BsonType;
        }

        if (!BsonTypeOrder.IsNumber(array[1]))
        {
            return "Location31258: $slice expects the limit argument to be a number, got " + array[1].BsonType;
        }

        var limit = SafeInt(array[1]);
        if (limit <= 0)
        {
            return "Location31259: $slice limit must be positive, got " + limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        slice = new ProjectionField.Slice(SafeInt(array[0]), limit);
        return null;
    }

    /// <summary>MongoDB's safeNumberInt: clamps to the int range, NaN reads as 0.</summary>
    private static int SafeInt(BsonValue number)
    {
        var d = BsonValueComparer.ToDouble(number);
        return double.IsNaN(d) ? 0 : d >= int.MaxValue ? int.MaxValue : d <= int.MinValue ? int.MinValue : (int)d;
    }
}
