using Ferry.Core.Storage;
using Ferry.Store.Conformance.Targets;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Suite;

/// <summary>CRUD: insert, find, update, replace, delete, upserts, findOneAnd*.</summary>
public abstract partial class StoreConformanceTests
{
    [SkippableFact]
    public async Task Insert_without_id_assigns_an_ObjectId_first_and_reports_it()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        var result = await c.BulkWriteAsync([new InsertRequest(Doc.Parse("{a: 1}"))]);

        Assert.Equal(1, result.InsertedCount);
        var stored = Assert.Single(await AllAsync(c));
        Assert.Equal("_id", stored.GetElement(0).Name);
        Assert.Equal(BsonType.ObjectId, stored["_id"].BsonType);
        Assert.Equal(stored["_id"], result.InsertedIds[0]);
        Assert.Equal(1, stored["a"].AsInt32);
    }

    [SkippableFact]
    public async Task Find_filters_sorts_projects_skips_and_limits()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 5, b: 'x'}", "{_id: 2, a: 3, b: 'y'}", "{_id: 3, a: 9, b: 'z'}", "{_id: 4, a: 1, b: 'w'}");

        var found = await c.FindAsync(
            Doc.Parse("{a: {$gte: 2}}"),
            new FindOptions { Sort = Doc.Parse("{a: -1}"), Projection = Doc.Parse("{b: 1}"), Skip = 1, Limit = 1 }).ToListAsync();

        AssertDocuments(found, "{_id: 1, b: 'x'}");
        Assert.Equal(3, await c.CountAsync(Doc.Parse("{a: {$gte: 2}}")));
        Assert.Equal(4, await c.CountAsync());
        var one = await c.FindOneAsync(Doc.Parse("{b: 'y'}"));
        Assert.Equal(2, one!["_id"].AsInt32);
        Assert.Null(await c.FindOneAsync(Doc.Parse("{b: 'nope'}")));
    }

    [SkippableFact]
    public async Task Update_one_and_many_report_matched_and_modified_counts()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1}", "{_id: 2, a: 1}", "{_id: 3, a: 2}");

        var one = await c.BulkWriteAsync([new UpdateRequest(Doc.Parse("{a: 1}"), Doc.Parse("{$set: {b: true}}"))]);
        var many = await c.BulkWriteAsync([new UpdateRequest(Doc.Parse("{a: 1}"), Doc.Parse("{$set: {b: true}}"), IsMulti: true)]);

        Assert.Equal((1, 1), (one.MatchedCount, one.ModifiedCount));
        Assert.Equal((2, 1), (many.MatchedCount, many.ModifiedCount));
        AssertDocuments(await AllAsync(c), "{_id: 1, a: 1, b: true}", "{_id: 2, a: 1, b: true}", "{_id: 3, a: 2}");
    }

    [SkippableFact]
    public async Task Replace_keeps_the_id_and_replaces_every_other_field()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1, b: 2}");

        var result = await c.BulkWriteAsync([new ReplaceRequest(Doc.Parse("{_id: 1}"), Doc.Parse("{c: 3}"))]);

        Assert.Equal((1, 1), (result.MatchedCount, result.ModifiedCount));
        AssertDocuments(await AllAsync(c), "{_id: 1, c: 3}");
    }

    [SkippableFact]
    public async Task Upserts_seed_the_new_document_from_equality_filters_and_report_index_and_id()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1}");

        var result = await c.BulkWriteAsync(
        [
            new UpdateRequest(Doc.Parse("{_id: 1}"), Doc.Parse("{$inc: {a: 1}}"), IsUpsert: true),
            new UpdateRequest(Doc.Parse("{_id: 2, k: 'x'}"), Doc.Parse("{$set: {a: 7}}"), IsUpsert: true),
            new ReplaceRequest(Doc.Parse("{_id: 3}"), Doc.Parse("{r: 1}"), IsUpsert: true),
        ]);

        Assert.Equal(1, result.MatchedCount);
        Assert.Equal(2, result.UpsertedCount);
        Assert.Equal([(1, (BsonValue)2), (2, 3)], result.Upserts.Select(u => (u.Index, u.Id)).ToList());
        AssertDocuments(await AllAsync(c), "{_id: 1, a: 2}", "{_id: 2, k: 'x', a: 7}", "{_id: 3, r: 1}");
    }

    [SkippableFact]
    public async Task Delete_one_and_many_report_deleted_counts()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1}", "{_id: 2, a: 1}", "{_id: 3, a: 1}", "{_id: 4, a: 2}");

        var one = await c.BulkWriteAsync([new DeleteRequest(Doc.Parse("{a: 1}"))]);
        var many = await c.BulkWriteAsync([new DeleteRequest(Doc.Parse("{a: 1}"), IsMulti: true)]);

        Assert.Equal(1, one.DeletedCount);
        Assert.Equal(2, many.DeletedCount);
        AssertDocuments(await AllAsync(c), "{_id: 4, a: 2}");
    }

    [SkippableFact]
    public async Task Update_with_array_filters_changes_only_matching_elements()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, y: [{b: 1}, {b: 2}, {b: 3}]}");

        await c.BulkWriteAsync([new UpdateRequest(Doc.Parse("{}"), Doc.Parse("{$set: {'y.$[i].b': 0}}")) { ArrayFilters = [Doc.Parse("{'i.b': {$gte: 2}}")] }]);

        AssertDocuments(await AllAsync(c), "{_id: 1, y: [{b: 1}, {b: 0}, {b: 0}]}");
    }

    [SkippableFact]
    public async Task Pipeline_update_computes_from_the_document()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 2, b: 3}");

        await c.BulkWriteAsync([new UpdateRequest(Doc.Parse("{_id: 1}"), Doc.Array("[{$set: {sum: {$add: ['$a', '$b']}}}, {$unset: 'b'}]"))]);

        AssertDocuments(await AllAsync(c), "{_id: 1, a: 2, sum: 5}");
    }

    [SkippableFact]
    public async Task FindOneAnd_update_replace_delete_return_before_or_after_in_sort_order()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, x: 11}", "{_id: 2, x: 22}", "{_id: 3, x: 33}");

        var before = await c.FindOneAndUpdateAsync(Doc.Parse("{_id: {$gt: 1}}"), Doc.Parse("{$inc: {x: 1}}"), new FindOneAndModifyOptions { Sort = Doc.Parse("{x: -1}") });
        var after = await c.FindOneAndReplaceAsync(Doc.Parse("{_id: 2}"), Doc.Parse("{x: 0}"), new FindOneAndModifyOptions { ReturnDocument = ReturnDocument.After, Projection = Doc.Parse("{x: 1, _id: 0}") });
        var deleted = await c.FindOneAndDeleteAsync(Doc.Parse("{}"), new FindOneAndModifyOptions { Sort = Doc.Parse("{x: 1}") });
        var upserted = await c.FindOneAndUpdateAsync(Doc.Parse("{_id: 9}"), Doc.Parse("{$set: {x: 9}}"), new FindOneAndModifyOptions { IsUpsert = true, ReturnDocument = ReturnDocument.After });
        var missing = await c.FindOneAndDeleteAsync(Doc.Parse("{_id: 42}"));

        AssertDocuments([before!, after!, deleted!, upserted!], "{_id: 3, x: 33}", "{x: 0}", "{_id: 2, x: 0}", "{_id: 9, x: 9}");
        Assert.Null(missing);
        AssertDocuments(await AllAsync(c), "{_id: 1, x: 11}", "{_id: 3, x: 34}", "{_id: 9, x: 9}");
    }

    [SkippableFact]
    public async Task Distinct_returns_each_value_once_unwinding_arrays()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, t: 'a'}", "{_id: 2, t: ['b', 'a']}", "{_id: 3, t: 'c'}", "{_id: 4}");

        var values = await c.DistinctAsync("t", Doc.Parse("{_id: {$lt: 3}}"));

        Assert.Equal(["a", "b"], values.Select(v => v.AsString).Order(StringComparer.Ordinal).ToList());
    }

    [SkippableFact]
    public async Task Changing_the_id_in_an_update_fails_with_ImmutableField_and_changes_nothing()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1}");

        var error = await Assert.ThrowsAnyAsync<Ferry.Query.Common.MqlException>(
            () => c.BulkWriteAsync([new UpdateRequest(Doc.Parse("{_id: 1}"), Doc.Parse("{$set: {_id: 2}}"))]));

        Assert.Equal(66, error.Code);
        AssertDocuments(await AllAsync(c), "{_id: 1, a: 1}");
    }
}
