using Ferry.Query.Common;

namespace Ferry.Query.Tests.Filters;

public class FilterErrorTests
{
    [Theory]
    [InlineData("{ a: { $foo: 1 } }", 2, "unknown operator: $foo")]
    [InlineData("{ a: { $gt: 1, b: 1 } }", 2, "unknown operator: b")]
    [InlineData("{ $foo: 1 }", 2, "unknown top level operator: $foo. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.")]
    [InlineData("{ $not: { a: 1 } }", 2, "unknown top level operator: $not. If you are trying to negate an entire expression, use $nor.")]
    [InlineData("{ a: { $id: 1 } }", 2, "unknown operator: $id")]
    [InlineData("{ a: { $gt: /x/ } }", 2, "Can't have RegEx as arg to predicate over field 'a'.")]
    [InlineData("{ 'a.b': { $lte: /x/ } }", 2, "Can't have RegEx as arg to predicate over field 'a.b'.")]
    [InlineData("{ a: { $type: [] } }", 9, "a must match at least one type")]
    [InlineData("{ a: { $where: 'x' } }", 2, "$where cannot be applied to a field")]
    [InlineData("{ a: { $elemMatch: { b: 1, $where: 'x' } } }", 2, "$elemMatch cannot contain $where expression")]
    [InlineData("{ a: { $in: 1 } }", 2, "$in needs an array")]
    [InlineData("{ a: { $nin: 'x' } }", 2, "$nin needs an array")]
    [InlineData("{ a: { $in: [{ $gt: 1 }] } }", 2, "cannot nest $ under $in")]
    [InlineData("{ $and: [] }", 2, "$and/$or/$nor must be a nonempty array")]
    [InlineData("{ $or: [] }", 2, "$and/$or/$nor must be a nonempty array")]
    [InlineData("{ $nor: [] }", 2, "$and/$or/$nor must be a nonempty array")]
    [InlineData("{ $and: { a: 1 } }", 2, "$and must be an array")]
    [InlineData("{ $or: [1] }", 2, "$or/$and/$nor entries need to be full objects")]
    [InlineData("{ a: { $size: 'x' } }", 2, "$size needs a number")]
    [InlineData("{ a: { $size: 1.5 } }", 2, "$size must be a whole number")]
    [InlineData("{ a: { $size: -1 } }", 2, "$size may not be negative")]
    [InlineData("{ a: { $type: 'foo' } }", 2, "Unknown type name alias: foo")]
    [InlineData("{ a: { $type: 100 } }", 2, "Invalid numerical type code: 100")]
    [InlineData("{ a: { $type: { } } }", 14, "type must be represented as a number or a string")]
    [InlineData("{ a: { $elemMatch: 1 } }", 2, "$elemMatch needs an Object")]
    [InlineData("{ a: { $all: 1 } }", 2, "$all needs an array")]
    [InlineData("{ a: { $all: [{ $elemMatch: { b: 1 } }, 2] } }", 2, "$all/$elemMatch has to be consistent")]
    [InlineData("{ a: { $all: [{ $gt: 1 }] } }", 2, "no $ expressions in $all")]
    [InlineData("{ a: { $not: 1 } }", 2, "$not needs a regex or a document")]
    [InlineData("{ a: { $not: { } } }", 2, "$not cannot be empty")]
    [InlineData("{ a: { $mod: 1 } }", 2, "malformed mod, needs to be an array")]
    [InlineData("{ a: { $mod: [1] } }", 2, "malformed mod, not enough elements")]
    [InlineData("{ a: { $mod: [1, 2, 3] } }", 2, "malformed mod, too many elements")]
    [InlineData("{ a: { $mod: ['x', 1] } }", 2, "malformed mod, divisor not a number")]
    [InlineData("{ a: { $mod: [1, 'x'] } }", 2, "malformed mod, remainder not a number")]
    [InlineData("{ a: { $mod: [0, 1] } }", 2, "divisor cannot be 0")]
    [InlineData("{ a: { $options: 'i' } }", 2, "$options needs a $regex")]
    [InlineData("{ a: { $regex: 'x', $options: 'z' } }", 51108, "invalid flag in regex options: z")]
    [InlineData("{ a: { $ne: /x/ } }", 2, "Can't have regex as arg to $ne.")]
    [InlineData("{ a: { $elemMatch: { $expr: { $eq: ['$b', 1] } } } }", 2, "$expr can only be applied to the top-level document")]
    public void Malformed_filters_fail_with_MongoDBs_code_and_message(string filter, int code, string message)
    {
        var error = Match.Error(filter);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{ a: undefined }")]
    [InlineData("{ a: { $eq: undefined } }")]
    [InlineData("{ a: { $ne: undefined } }")]
    [InlineData("{ a: { $gt: undefined } }")]
    public void Comparing_to_undefined_is_rejected(string filter)
    {
        var error = Match.Error(filter);
        Assert.Equal(2, error.Code);
        Assert.Equal("cannot compare to undefined", error.Message);
    }

    [Fact]
    public void Invalid_regex_pattern_fails_with_code_51091()
    {
        var error = Match.Error("{ a: { $regex: '(' } }");
        Assert.Equal(51091, error.Code);
        Assert.StartsWith("Regular expression is invalid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ $where: 'this.a == 1' }", ErrorCodes.BadValue)]
    [InlineData("{ $text: { $search: 'x' } }", ErrorCodes.IndexNotFound)]
    [InlineData("{ loc: { $near: [0, 0] } }", ErrorCodes.BadValue)]
    [InlineData("{ loc: { $geoWithin: { $box: [[0, 0], [1, 1]] } } }", ErrorCodes.BadValue)]
    public void Unsupported_operators_are_rejected_clearly(string filter, int code)
    {
        var error = Match.Error(filter);
        Assert.Equal(code, error.Code);
        Assert.Contains("not supported", error.Message.Replace("required", "not supported", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_carries_the_code_name()
    {
        var error = Match.Error("{ a: { $foo: 1 } }");
        Assert.Equal("BadValue", error.CodeName);
    }
}
