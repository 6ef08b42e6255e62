using Ferry.Core.Backup.Formats;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Backup;

/// <summary>The structural check's fast paths (ASCII names and text, array keys) against hand-made edge cases.</summary>
public sealed class BsonDocumentValidatorTests
{
    [Fact]
    public void Arrays_with_keys_0_to_N_pass_including_multi_digit_keys()
    {
        var document = new BsonDocument("a", new BsonArray(Enumerable.Range(0, 12))).ToBson();

        Assert.Null(BsonDocumentValidator.Validate(document));
    }

    [Theory]
    [InlineData("1", "0")] // starts at 1
    [InlineData("01", "0")] // a leading zero
    [InlineData("0", "0")] // a repeated key
    [InlineData("0", "x")] // not a number
    [InlineData("0", "")] // empty
    public void An_array_whose_keys_are_not_0_1_in_order_is_refused(string first, string second)
    {
        var bytes = ArrayWithKeys(first, second);

        var problem = BsonDocumentValidator.Validate(bytes);

        Assert.NotNull(problem);
        Assert.StartsWith("array element key should be", problem.Message);
    }

    [Fact]
    public void Non_ASCII_names_and_text_pass_and_broken_UTF8_in_either_is_refused()
    {
        var good = new BsonDocument { { "café", "naïve 日本" } }.ToBson();
        Assert.Null(BsonDocumentValidator.Validate(good));

        var badName = (byte[])good.Clone();
        badName[4 + 1 + 3] = 0xFF; // inside "café"'s two-byte é
        Assert.Equal("field name is not valid UTF-8", BsonDocumentValidator.Validate(badName)?.Message);

        var badText = (byte[])good.Clone();
        badText[^3] = 0xFF; // inside the value's last character
        Assert.Equal("string is not valid UTF-8", BsonDocumentValidator.Validate(badText)?.Message);
    }

    private static byte[] ArrayWithKeys(string first, string second)
    {
        // { a: [ <first>: 1, <second>: 2 ] } written by hand, since no serializer writes wrong array keys.
        var array = new List<byte>();
        foreach (var (key, value) in new[] { (first, 1), (second, 2) })
        {
            array.Add(0x10);
            array.AddRange(System.Text.Encoding.UTF8.GetBytes(key));
            array.Add(0);
            array.AddRange(BitConverter.GetBytes(value));
        }

        array.Add(0);
        array.InsertRange(0, BitConverter.GetBytes(array.Count + 4));
        var document = new List<byte> { 0x04, (byte)'a', 0 };
        document.AddRange(array);
        document.Add(0);
        document.InsertRange(0, BitConverter.GetBytes(document.Count + 4));
        return document.ToArray();
    }
}
