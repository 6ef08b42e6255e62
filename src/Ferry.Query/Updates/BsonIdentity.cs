using MongoDB.Bson;

namespace Ferry.Query.Updates;

/// <summary>
/// Exact ("binary") equality of BSON values: same types, same field names in the same order, same bits. MongoDB
/// uses it to detect no-op updates; 1 and 1.0 are different here although they compare equal.
/// </summary>
internal static class BsonIdentity
{
    public static bool Equal(BsonValue? x, BsonValue? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (x.BsonType != y.BsonType)
        {
            return false;
        }

        switch (x.BsonType)
        {
            case BsonType.Document:
                var dx = x.AsBsonDocument;
                var dy = y.AsBsonDocument;
                if (dx.ElementCount != dy.ElementCount)
                {
                    return false;
                }

                for (var i = 0; i < dx.ElementCount; i++)
                {
                    var ex = dx.GetElement(i);
                    var ey = dy.GetElement(i);
                    if (ex.Name != ey.Name || !Equal(ex.Value, ey.Value))
                    {
                        return false;
                    }
                }

                return true;
            case BsonType.Array:
                var ax = x.AsBsonArray;
                var ay = y.AsBsonArray;
                if (ax.Count != ay.Count)
                {
                    return false;
                }

                for (var i = 0; i < ax.Count; i++)
                {
                    if (!Equal(ax[i], ay[i]))
                    {
                        return false;
                    }
                }

                return true;
            case BsonType.Double:
                return BitConverter.DoubleToInt64Bits(x.AsDouble) == BitConverter.DoubleToInt64Bits(y.AsDouble);
            case BsonType.Decimal128:
                var mx = x.AsDecimal128;
                var my = y.AsDecimal128;
                return mx.GetIEEEHighBits() == my.GetIEEEHighBits() && mx.GetIEEELowBits() == my.GetIEEELowBits();
            default:
                return x.Equals(y);
        }
    }
}
