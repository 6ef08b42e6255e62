using Ferry.Query.Aggregation;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Aggregation;

public class UpdateStagesTests
{
    private static readonly DateTime Now = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static BsonDocument Apply(string pipeline, string document) =>
        AggregationPipeline.Parse(Pipelines.BsonSerializerArray(pipeline)).ApplyUpdateStages(BsonDocument.Parse(document), Now);

    [Fact]
    public void Set_and_unset_run_on_one_document() =>
        Assert.Equal(BsonDocument.Parse("{ _id: 1, b: 2, total: 3, at: ISODate('2024-01-02T03:04:05Z') }"),
            Apply("[{ $set: { total: { $add: ['$a', '$b'] }, at: '$$NOW' } }, { $unset: 'a' }]", "{ _id: 1, a: 1, b: 2 }"));

    [Fact]
    public void Project_and_replaceWith_run_on_one_document() =>
        Assert.Equal(BsonDocument.Parse("{ x: 1, _id: 1 }"),
            Apply("[{ $project: { x: '$a' } }, { $replaceWith: { x: '$x', _id: '$_id' } }]", "{ _id: 1, a: 1, b: 2 }"));

    [Fact]
    public void Other_stages_are_not_allowed_in_an_update()
    {
        var error = Assert.Throws<MqlException>(() => Apply("[{ $set: { a: 1 } }, { $match: {} }]", "{ _id: 1 }"));
        Assert.Equal(2, error.Code);
        Assert.Equal("$match is not allowed to be used within an update", error.Message);
    }

    [Fact]
    public void Input_document_is_not_changed()
    {
        var input = BsonDocument.Parse("{ _id: 1, a: { b: 1 } }");
        AggregationPipeline.Parse(Pipelines.BsonSerializerArray("[{ $set: { 'a.c': 2 } }, { $unset: 'a.b' }]")).ApplyUpdateStages(input, Now);
        Assert.Equal(BsonDocument.Parse("{ _id: 1, a: { b: 1 } }"), input);
    }
}
