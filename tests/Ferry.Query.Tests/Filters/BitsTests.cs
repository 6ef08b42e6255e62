namespace Ferry.Query.Tests.Filters;

public class BitsTests
{
    [Theory]
    // MongoDB docs $bitsAllSet: a = 54 (0b110110), 20 (0b010100), 20.0, BinData "Zg==" (0x66 = 0b01100110).
    [InlineData("{ a: { $bitsAllSet: [1, 5] } }", "{ a: 54 }", true)]
    [InlineData("{ a: { $bitsAllSet: [1, 5] } }", "{ a: 20 }", false)]
    [InlineData("{ a: { $bitsAllSet: 50 } }", "{ a: 54 }", true)]
    [InlineData("{ a: { $bitsAllSet: 50 } }", "{ a: 20.0 }", false)]
    [InlineData("{ a: { $bitsAllSet: [2, 4] } }", "{ a: 20.0 }", true)]
    [InlineData("{ a: { $bitsAllSet: [1, 5] } }", "{ a: BinData(0, 'Zg==') }", true)]
    [InlineData("{ a: { $bitsAnySet: [1, 5] } }", "{ a: 20 }", false)]
    [InlineData("{ a: { $bitsAnySet: [1, 4] } }", "{ a: 20 }", true)]
    [InlineData("{ a: { $bitsAllClear: [1, 5] } }", "{ a: 20 }", true)]
    [InlineData("{ a: { $bitsAnyClear: [1, 5] } }", "{ a: 54 }", false)]
    [InlineData("{ a: { $bitsAnyClear: [0, 1] } }", "{ a: 54 }", true)]
    [InlineData("{ a: { $bitsAllSet: [63, 100] } }", "{ a: -1 }", true)]
    [InlineData("{ a: { $bitsAllSet: [0] } }", "{ a: 1.5 }", false)]
    [InlineData("{ a: { $bitsAllSet: [0] } }", "{ a: '1' }", false)]
    [InlineData("{ a: { $bitsAnySet: [0, 1] } }", "{ a: [4, 5, 6] }", true)]
    public void Bit_operators_test_bit_positions(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $bitsAllSet: -1 } }", 9)]
    [InlineData("{ a: { $bitsAllSet: 1.5 } }", 9)]
    [InlineData("{ a: { $bitsAllSet: [-1] } }", 2)]
    [InlineData("{ a: { $bitsAllSet: 'x' } }", 2)]
    public void Bad_bitmasks_are_rejected(string filter, int code) => Assert.Equal(code, Match.Error(filter).Code);

    [Fact]
    public void Position_of_the_first_element_with_a_set_bit_is_recorded() =>
        Assert.Equal(1, Match.Position("{ b: { $bitsAnySet: [0, 1] } }", "{ b: [4, 5, 6] }"));
}
