using Ferry.Query.Common;
using Ferry.Query.Updates;
using static Ferry.Query.Tests.Updates.UpdateTestHelpers;

namespace Ferry.Query.Tests.Updates;

public sealed class UpsertDocumentTests
{
    private static MongoDB.Bson.BsonDocument Build(string update, string filter) =>
        UpdateSpec.Parse(Doc(update), null, Context).BuildUpsertDocument(Doc(filter));

    [Fact]
    public void Equality_fields_seed_the_document_with_id_first()
    {
        AssertDocument("{ _id: 7, a: 1, b: { c: 2 }, d: 3, x: 9 }",
            Build("{ $set: { x: 9 } }", "{ d: { $eq: 3 }, 'b.c': 2, $and: [{ a: 1 }], _id: 7 }"));
    }

    [Fact]
    public void Non_equality_conditions_do_not_seed()
    {
        AssertDocument("{ x: 1 }", Build("{ $set: { x: 1 } }", "{ a: { $gt: 1 }, b: { $in: [1, 2] }, $or: [{ c: 1 }, { c: 2 }] }"));
    }

    [Fact]
    public void One_value_in_and_all_are_equalities()
    {
        AssertDocument("{ a: 1, b: 2, z: 0 }", Build("{ $set: { z: 0 } }", "{ a: { $in: [1] }, b: { $all: [2] } }"));
    }

    [Fact]
    public void SetOnInsert_applies_when_inserting()
    {
        AssertDocument("{ _id: 1, a: 2, b: 3 }", Build("{ $setOnInsert: { b: 3 }, $set: { a: 2 } }", "{ _id: 1 }"));
    }

    [Fact]
    public void Replacement_upsert_takes_only_the_id_from_the_filter()
    {
        AssertDocument("{ _id: 2, b: 2 }", Build("{ b: 2 }", "{ a: 1, _id: 2 }"));
    }

    [Fact]
    public void Path_matched_twice_is_NotSingleValueField()
    {
        AssertFails(ErrorCodes.NotSingleValueField, () => Build("{ $set: { x: 1 } }", "{ $and: [{ a: 1 }, { a: 2 }] }"));
    }

    [Fact]
    public void Update_changing_the_filters_id_is_ImmutableField()
    {
        AssertFails(ErrorCodes.ImmutableField, () => Build("{ $set: { _id: 3 } }", "{ _id: 2 }"));
    }
}
