using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Common;

public class DoubleDecimalComparisonTests
{
    [Fact]
    public void A_double_compares_with_a_decimal_by_its_exact_binary_value()
    {
        // 0.1 as a double is 0.1000000000000000055511151231257827…, above the decimal 0.1 (as on MongoDB).
        Assert.True(BsonValueComparer.Instance.Compare(new BsonDouble(0.1), new BsonDecimal128(Decimal128.Parse("0.1"))) > 0);
        Assert.Equal(0, BsonValueComparer.Instance.Compare(new BsonDouble(0.5), new BsonDecimal128(Decimal128.Parse("0.5"))));
        Assert.Equal(0, BsonValueComparer.Instance.Compare(new BsonInt32(1), new BsonDecimal128(Decimal128.Parse("1.00"))));
        Assert.True(BsonValueComparer.Instance.Compare(new BsonDouble(double.NaN), new BsonDecimal128(Decimal128.NegativeInfinity)) < 0);
    }
}
