using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Expressions;

/// <summary>Evaluates expressions written as relaxed Extended JSON and compares results exactly (type included).</summary>
internal static class ExpressionAssert
{
    public static readonly DateTime FixedNow = new(2024, 3, 15, 12, 30, 45, 123, DateTimeKind.Utc);

    public static BsonValue? Eval(string expression, string document = "{}", QueryContext? context = null)
    {
        var wrapped = BsonDocument.Parse("{ e: " + expression + " }")["e"];
        return AggregationExpression.Compile(wrapped, context).Evaluate(BsonDocument.Parse(document), FixedNow);
    }

    /// <summary>Asserts the result equals the expected value in type and value (1 and 1.0 differ here).</summary>
    public static void Yields(string expected, string expression, string document = "{}")
    {
        var want = BsonDocument.Parse("{ v: " + expected + " }")["v"];
        var got = Eval(expression, document);
        Assert.NotNull(got);
        Assert.Equal(want.ToJson(), got!.ToJson());
        Assert.Equal(want.BsonType, got.BsonType);
    }

    public static void YieldsMissing(string expression, string document = "{}") => Assert.Null(Eval(expression, document));

    public static MqlException Fails(int code, string expression, string document = "{}")
    {
        var error = Assert.Throws<MqlException>(() => Eval(expression, document));
        Assert.Equal(code, error.Code);
        return error;
    }
}
