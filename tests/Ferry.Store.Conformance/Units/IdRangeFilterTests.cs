using Ferry.Core.Storage;
using Ferry.Store.Conformance.Targets;
using Ferry.Store.Mongo;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Units;

/// <summary>The MongoDB store's <c>_id</c> range filters: type brackets are bridged with <c>$type</c> clauses.</summary>
public sealed class IdRangeFilterTests
{
    [Fact]
    public void Resume_after_a_number_also_selects_every_later_type_bracket()
    {
        var filter = IdRangeFilter.Lower(5, inclusive: false);

        Assert.Equal(
            Doc.Parse("{$or: [{_id: {$gt: 5}}, {_id: {$type: ['string', 'symbol', 'object', 'array', 'binData', 'objectId', 'bool', 'date', 'timestamp', 'regex', 'dbPointer', 'javascript', 'javascriptWithScope', 'maxKey']}}]}"),
            filter);
    }

    [Fact]
    public void Upper_bound_of_an_ObjectId_also_selects_every_earlier_type_bracket()
    {
        var filter = IdRangeFilter.Upper(ObjectId.Empty);

        Assert.Equal(
            Doc.Parse("{$or: [{_id: {$lt: ObjectId('000000000000000000000000')}}, {_id: {$type: ['minKey', 'undefined', 'null', 'number', 'string', 'symbol', 'object', 'array', 'binData']}}]}"),
            filter);
    }

    [Fact]
    public void Range_within_one_bracket_is_a_plain_comparison()
    {
        var clauses = IdRangeFilter.Range(new IdRange(1, 2.5)).ToList();

        Assert.Equal([Doc.Parse("{_id: {$gte: 1, $lt: 2.5}}")], clauses);
    }

    [Fact]
    public void Single_valued_brackets_use_type_lists_only()
    {
        Assert.Equal(Doc.Parse("{_id: {$type: ['maxKey']}}"), IdRangeFilter.Lower(BsonMaxKey.Value, inclusive: true));
        Assert.Equal(Doc.Parse("{_id: {$in: []}}"), IdRangeFilter.Lower(BsonMaxKey.Value, inclusive: false));
        Assert.Equal(Doc.Parse("{_id: {$type: ['minKey', 'undefined']}}"), IdRangeFilter.Upper(BsonNull.Value));
    }

    [Fact]
    public void Combine_joins_filter_resume_point_and_partition_with_and()
    {
        var combined = IdRangeFilter.Combine(Doc.Parse("{a: 1}"), new BsonString("k"), new IdRange("a", "z"));

        Assert.Equal(
            Doc.Parse("{$and: [{a: 1}, {$or: [{_id: {$gt: 'k'}}, {_id: {$type: ['object', 'array', 'binData', 'objectId', 'bool', 'date', 'timestamp', 'regex', 'dbPointer', 'javascript', 'javascriptWithScope', 'maxKey']}}]}, {_id: {$gte: 'a', $lt: 'z'}}]}"),
            combined);
        Assert.Equal(new BsonDocument(), IdRangeFilter.Combine(null, null, null));
        Assert.Equal(Doc.Parse("{a: 1}"), IdRangeFilter.Combine(Doc.Parse("{a: 1}"), null, new IdRange(null, null)));
    }
}
