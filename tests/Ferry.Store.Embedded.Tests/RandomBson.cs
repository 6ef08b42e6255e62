using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

/// <summary>
/// Random BSON values of every type for property tests. Numbers come from a pool where doubles are exact in short
/// decimal form and decimals have at most 28 digits, because the reference comparer compares doubles with decimals
/// through their shortest text and decimals through System.Decimal; the key encoder compares exactly.
/// </summary>
public sealed class RandomBson(Random random)
{
    private static readonly BsonValue[] Numbers =
    [
        0, 1, -1, 2, 7, -7, 100, int.MaxValue, int.MinValue,
        0L, 3L, -3L, 9007199254740993L, long.MaxValue, long.MinValue, 1_000_000_000_000L,
        0.0, -0.0, 0.5, -0.5, 1.5, 2.25, -1.75, 100.0, 1e20, -1e20, 9007199254740992.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 3.0, 0.125,
        Decimal128.Parse("0"), Decimal128.Parse("-0"), Decimal128.Parse("1.0"), Decimal128.Parse("1.5"), Decimal128.Parse("0.001"),
        Decimal128.Parse("1E+3"), Decimal128.Parse("1000"), Decimal128.Parse("-2.25"), Decimal128.Parse("123456789012345678901234"),
        Decimal128.Parse("0.1"), Decimal128.Parse("-0.1"), Decimal128.Parse("99.99"), Decimal128.QNaN, Decimal128.PositiveInfinity, Decimal128.NegativeInfinity,
        Decimal128.Parse("9007199254740993"), Decimal128.Parse("100000000000000000000"),
    ];

    private static readonly string[] Strings = ["", "a", "A", "ab", "b", "a\0", "a\0b", "é", "z", "\uE000", "😀", "😀a", "\uFFFD", "abc", "ab\u0001"];

    private static readonly ObjectId[] ObjectIds =
    [
        ObjectId.Parse("000000000000000000000000"), ObjectId.Parse("5f0000000000000000000001"), ObjectId.Parse("5f0000000000000000000002"), ObjectId.Parse("ffffffffffffffffffffffff"),
    ];

    public BsonValue Value(int depth)
    {
        var kind = random.Next(depth > 0 ? 20 : 18);
        return kind switch
        {
            0 => BsonMinKey.Value,
            1 => BsonMaxKey.Value,
            2 => BsonNull.Value,
            3 or 4 or 5 => Numbers[random.Next(Numbers.Length)],
            6 or 7 => Strings[random.Next(Strings.Length)],
            8 => (BsonSymbol)(Strings[random.Next(Strings.Length)]),
            9 => new BsonBinaryData(Enumerable.Range(0, random.Next(4)).Select(_ => (byte)random.Next(3)).ToArray(), random.Next(2) == 0 ? BsonBinarySubType.Binary : BsonBinarySubType.UserDefined),
            10 => ObjectIds[random.Next(ObjectIds.Length)],
            11 => random.Next(2) == 0,
            12 => new BsonDateTime(random.Next(-3, 4) * 1000L),
            13 => new BsonTimestamp(random.Next(3) == 0 ? unchecked((long)0x8000_0000_0000_0001UL) : random.Next(0, 3)),
            14 => new BsonRegularExpression(Strings[random.Next(4)] + "x", random.Next(2) == 0 ? "i" : string.Empty),
            15 => new BsonJavaScript(Strings[random.Next(4)]),
            16 => new BsonJavaScriptWithScope(Strings[random.Next(3)], Document(0)),
            17 => BsonUndefined.Value,
            18 => Document(depth - 1),
            _ => new BsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth - 1))),
        };
    }

    /// <summary>A value of the same type bracket (so comparisons exercise the within-type order).</summary>
    public BsonValue SameBracket(BsonValue value)
    {
        for (var i = 0; i < 200; i++)
        {
            var candidate = Value(2);
            if (Ferry.Query.Common.BsonTypeOrder.Canonical(candidate) == Ferry.Query.Common.BsonTypeOrder.Canonical(value))
            {
                return candidate;
            }
        }

        return value;
    }

    public BsonDocument Document(int depth)
    {
        var document = new BsonDocument();
        var names = new[] { "a", "b", "", "ab" };
        for (var i = random.Next(4); i > 0; i--)
        {
            document[names[random.Next(names.Length)]] = Value(depth);
        }

        return document;
    }
}
