using Ferry.Query.Common;
using Ferry.Query.Updates;
using MongoDB.Bson;
using static Ferry.Query.Tests.Updates.UpdateTestHelpers;

namespace Ferry.Query.Tests.Updates;

public sealed class UpdateParsingTests
{
    [Fact]
    public void Unknown_modifier_is_FailedToParse_with_MongoDBs_message()
    {
        var e = AssertFails(ErrorCodes.FailedToParse, () => UpdateSpec.Parse(Doc("{ $foo: { a: 1 } }")));
        Assert.Equal("Unknown modifier: $foo. Expected a valid update modifier or pipeline-style update specified as an array", e.Message);
    }

    [Fact]
    public void A_plain_field_after_a_modifier_is_an_unknown_modifier()
    {
        AssertFails(ErrorCodes.FailedToParse, () => UpdateSpec.Parse(Doc("{ $set: { a: 1 }, b: 2 }")));
    }

    [Fact]
    public void Empty_modifier_operand_is_FailedToParse()
    {
        var e = AssertFails(ErrorCodes.FailedToParse, () => UpdateSpec.Parse(Doc("{ $set: { } }")));
        Assert.Equal("'$set' is empty. You must specify a field like so: {$set: {<field_name>: ...}}", e.Message);
    }

    [Fact]
    public void Modifier_operand_must_be_a_document()
    {
        AssertFails(ErrorCodes.FailedToParse, () => UpdateSpec.Parse(Doc("{ $set: 1 }")));
    }

    [Theory]
    [InlineData("{ $set: { a: 1, 'a.b': 2 } }", "Updating the path 'a.b' would create a conflict at 'a'")]
    [InlineData("{ $set: { 'a.b': 1 }, $inc: { a: 2 } }", "Updating the path 'a' would create a conflict at 'a'")]
    [InlineData("{ $set: { a: 1 }, $unset: { a: 1 } }", "Updating the path 'a' would create a conflict at 'a'")]
    [InlineData("{ $rename: { a: 'b' }, $set: { a: 1 } }", "Updating the path 'a' would create a conflict at 'a'")]
    public void Conflicting_paths_are_ConflictingUpdateOperators(string update, string message)
    {
        var e = AssertFails(ErrorCodes.ConflictingUpdateOperators, () => UpdateSpec.Parse(Doc(update)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Sibling_paths_do_not_conflict()
    {
        var outcome = Apply("{ _id: 1 }", "{ $set: { 'a.b': 1, 'a.c': 2 } }");
        AssertDocument("{ _id: 1, a: { b: 1, c: 2 } }", outcome.Document);
    }

    [Theory]
    [InlineData("{ $set: { 'a.': 1 } }")]
    [InlineData("{ $set: { '': 1 } }")]
    [InlineData("{ $set: { 'a..b': 1 } }")]
    public void Empty_path_parts_are_EmptyFieldName(string update)
    {
        AssertFails(ErrorCodes.EmptyFieldName, () => UpdateSpec.Parse(Doc(update)));
    }

    [Theory]
    [InlineData("{ $set: { '$.a': 1 } }")]
    [InlineData("{ $set: { 'a.$.b.$': 1 } }")]
    [InlineData("{ $set: { '$[].a': 1 } }")]
    public void Misplaced_positional_parts_are_BadValue(string update)
    {
        AssertFails(ErrorCodes.BadValue, () => UpdateSpec.Parse(Doc(update)));
    }

    [Fact]
    public void Non_numeric_increment_is_TypeMismatch()
    {
        AssertFails(ErrorCodes.TypeMismatch, () => UpdateSpec.Parse(Doc("{ $inc: { a: 'x' } }")));
    }

    [Fact]
    public void Array_filter_identifier_without_a_filter_is_BadValue()
    {
        var e = AssertFails(ErrorCodes.BadValue, () => UpdateSpec.Parse(Doc("{ $set: { 'a.$[x]': 1 } }")));
        Assert.Equal("No array filter found for identifier 'x' in path 'a.$[x]'", e.Message);
    }

    [Fact]
    public void Unused_array_filter_is_FailedToParse()
    {
        var e = AssertFails(ErrorCodes.FailedToParse,
            () => UpdateSpec.Parse(Doc("{ $set: { a: 1 } }"), [Doc("{ x: { $gt: 5 } }")]));
        Assert.StartsWith("The array filter for identifier 'x' was not used in the update", e.Message);
    }

    [Fact]
    public void Two_array_filters_for_one_identifier_are_FailedToParse()
    {
        AssertFails(ErrorCodes.FailedToParse,
            () => UpdateSpec.Parse(Doc("{ $set: { 'a.$[x]': 1 } }"), [Doc("{ x: 1 }"), Doc("{ x: 2 }")]));
    }

    [Fact]
    public void Replacement_with_a_dollar_field_is_DollarPrefixedFieldName()
    {
        var e = AssertFails(ErrorCodes.DollarPrefixedFieldName, () => UpdateSpec.Parse(Doc("{ a: 1, $x: 2 }")));
        Assert.Equal("The dollar ($) prefixed field '$x' in '$x' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.", e.Message);
    }

    [Fact]
    public void Pipeline_with_array_filters_is_FailedToParse()
    {
        AssertFails(ErrorCodes.FailedToParse,
            () => UpdateSpec.Parse(new BsonArray { Doc("{ $set: { a: 1 } }") }, [Doc("{ x: 1 }")]));
    }

    [Theory]
    [InlineData("{ $rename: { a: 'a' } }")]
    [InlineData("{ $rename: { a: 'a.b' } }")]
    [InlineData("{ $rename: { a: 1 } }")]
    [InlineData("{ $rename: { 'a.$': 'b' } }")]
    public void Invalid_renames_are_BadValue(string update)
    {
        AssertFails(ErrorCodes.BadValue, () => UpdateSpec.Parse(Doc(update)));
    }

    [Fact]
    public void Document_without_operators_is_a_replacement()
    {
        Assert.True(UpdateSpec.Parse(Doc("{ a: 1 }")).IsReplacement);
        Assert.False(UpdateSpec.Parse(Doc("{ $set: { a: 1 } }")).IsReplacement);
    }
}
