using Ferry.Core.Validation;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Validation;

/// <summary>Fingerprints are equal exactly when MongoDB's equality says the keys are equal.</summary>
public sealed class KeyFingerprintTests
{
    public static TheoryData<BsonValue, BsonValue> EqualKeys => new()
    {
        { 1, 1L },
        { 1, 1.0 },
        { 1, Decimal128.Parse("1") },
        { Decimal128.Parse("1.0"), Decimal128.Parse("1.00") },
        { 9007199254740993L, Decimal128.Parse("9007199254740993") },
        { 0.5, Decimal128.Parse("0.5") },
        { -0.0, 0 },
        { double.NaN, Decimal128.Parse("NaN") },
        { double.PositiveInfinity, Decimal128.Parse("Infinity") },
        { BsonNull.Value, BsonUndefined.Value },
    };

    public static TheoryData<BsonValue, BsonValue> DistinctKeys => new()
    {
        { Decimal128.Parse("12345678901234567890"), Decimal128.Parse("12345678901234567891") },
        { Decimal128.Parse("0.1"), 0.1 },
        { 9007199254740993L, 9007199254740992.0 },
        { 1, "1" },
        { "a", "A" },
    };

    [Theory]
    [MemberData(nameof(EqualKeys))]
    public void Keys_MongoDB_holds_equal_have_one_fingerprint(BsonValue a, BsonValue b) =>
        Assert.Equal(KeyFingerprint.Of(a), KeyFingerprint.Of(b));

    [Theory]
    [MemberData(nameof(DistinctKeys))]
    public void Keys_MongoDB_holds_different_have_different_fingerprints(BsonValue a, BsonValue b) =>
        Assert.NotEqual(KeyFingerprint.Of(a), KeyFingerprint.Of(b));

    [Fact]
    public void Compound_string_keys_cannot_run_into_each_other()
    {
        Assert.NotEqual(KeyFingerprint.Of(["x", "y\0\u000Fz"]), KeyFingerprint.Of(["x\0\u000Fy", "z"]));
        Assert.Equal(KeyFingerprint.Of(["Ann@X.com", 1], ignoreCase: true), KeyFingerprint.Of(["ann@x.com", 1.0], ignoreCase: true));
    }
}
