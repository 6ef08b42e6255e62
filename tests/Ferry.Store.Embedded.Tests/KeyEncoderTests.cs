using Ferry.Query.Common;
using Ferry.Store.Embedded.Keys;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class KeyEncoderTests
{
    [Fact]
    public void Numerically_equal_numbers_of_every_type_encode_identically()
    {
        var one = KeyEncoder.Encode(1);
        Assert.Equal(one, KeyEncoder.Encode(1L));
        Assert.Equal(one, KeyEncoder.Encode(1.0));
        Assert.Equal(one, KeyEncoder.Encode(Decimal128.Parse("1.000")));
        Assert.Equal(KeyEncoder.Encode(0), KeyEncoder.Encode(-0.0));
        Assert.Equal(KeyEncoder.Encode(0), KeyEncoder.Encode(Decimal128.Parse("-0E+10")));
        Assert.Equal(KeyEncoder.Encode(double.NaN), KeyEncoder.Encode(Decimal128.QNaN));
    }

    [Fact]
    public void Long_and_double_compare_exactly_beyond_double_precision()
    {
        var twoTo53 = 9007199254740992L;
        Assert.True(Compare(KeyEncoder.Encode(twoTo53 + 1), KeyEncoder.Encode((double)twoTo53)) > 0);
        Assert.True(Compare(KeyEncoder.Encode(long.MaxValue), KeyEncoder.Encode(9223372036854775808.0)) < 0);
        Assert.True(Compare(KeyEncoder.Encode(long.MinValue), KeyEncoder.Encode(-9223372036854775808.0)) == 0);
    }

    [Fact]
    public void Memcmp_order_of_encodings_equals_MongoDB_order_on_random_values()
    {
        var random = new Random(20261125);
        var generator = new RandomBson(random);
        var failures = new List<string>();
        for (var i = 0; i < 20000 && failures.Count < 5; i++)
        {
            var a = generator.Value(2);
            var b = random.Next(4) == 0 ? generator.SameBracket(a) : generator.Value(2);
            var expected = Math.Sign(BsonValueComparer.Instance.Compare(a, b));
            var actual = Math.Sign(Compare(KeyEncoder.Encode(a), KeyEncoder.Encode(b)));
            if (expected != actual)
            {
                failures.Add($"{a.ToJson()} vs {b.ToJson()}: comparer {expected}, memcmp {actual}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Sorting_by_encoding_sorts_like_the_comparer()
    {
        var generator = new RandomBson(new Random(7));
        var values = Enumerable.Range(0, 2000).Select(_ => generator.Value(1)).ToList();

        var byComparer = values.Order(BsonValueComparer.Instance).ToList();
        var byKey = values.OrderBy(KeyEncoder.Encode, Comparer<byte[]>.Create(Compare)).ToList();

        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(0, BsonValueComparer.Instance.Compare(byComparer[i], byKey[i]));
        }
    }

    [Fact]
    public void Compound_keys_order_field_by_field()
    {
        var a = KeyEncoder.EncodeCompound([new BsonString("a"), new BsonInt32(9)]);
        var b = KeyEncoder.EncodeCompound([new BsonString("ab"), new BsonInt32(1)]);
        var c = KeyEncoder.EncodeCompound([new BsonString("a"), new BsonInt32(10)]);

        Assert.True(Compare(a, b) < 0);
        Assert.True(Compare(a, c) < 0);
        Assert.True(Compare(c, b) < 0);
    }

    private static int Compare(byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y);
}
