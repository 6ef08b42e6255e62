using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Store.Conformance.Targets;

namespace Ferry.Store.Conformance.Suite;

/// <summary>Indexes: create/list/drop with MongoDB's names and options; unique violations (11000).</summary>
public abstract partial class StoreConformanceTests
{
    [SkippableFact]
    public async Task Indexes_are_listed_with_id_first_generated_names_and_their_options()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1, b: 1}");

        var names = await c.CreateIndexesAsync(
        [
            Doc.Parse("{key: {a: 1, b: -1}}"),
            Doc.Parse("{key: {email: 1}, name: 'email_unique', unique: true, partialFilterExpression: {email: {$exists: true}}}"),
            Doc.Parse("{key: {at: 1}, expireAfterSeconds: 3600}"),
        ]);
        var listed = await c.ListIndexesAsync();

        Assert.Equal(["a_1_b_-1", "email_unique", "at_1"], names);
        Assert.Equal(["_id_", "a_1_b_-1", "email_unique", "at_1"], listed.Select(i => i["name"].AsString).ToList());
        var email = listed.Single(i => i["name"] == "email_unique");
        Assert.True(email["unique"].ToBoolean());
        Assert.Equal(Doc.Parse("{email: {$exists: true}}"), email["partialFilterExpression"]);
        Assert.Equal(Doc.Parse("{a: 1, b: -1}"), listed[1]["key"]);
        Assert.Equal(3600, listed[3]["expireAfterSeconds"].ToInt32());
    }

    [SkippableFact]
    public async Task Dropping_an_index_removes_it_and_a_missing_one_is_IndexNotFound()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1}");
        await c.CreateIndexesAsync([Doc.Parse("{key: {a: 1}}")]);

        await c.DropIndexAsync("a_1");
        var error = await Assert.ThrowsAnyAsync<MqlException>(() => c.DropIndexAsync("a_1"));

        Assert.Equal(["_id_"], (await c.ListIndexesAsync()).Select(i => i["name"].AsString).ToList());
        Assert.Equal(ErrorCodes.IndexNotFound, error.Code);
    }

    [SkippableFact]
    public async Task Unique_index_rejects_duplicates_with_E11000_and_allows_other_values()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("users");
        await c.CreateIndexesAsync([Doc.Parse("{key: {email: 1}, unique: true}")]);

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => c.BulkWriteAsync(
        [
            new InsertRequest(Doc.Parse("{_id: 1, email: 'a@x'}")),
            new InsertRequest(Doc.Parse("{_id: 2, email: 'a@x'}")),
            new InsertRequest(Doc.Parse("{_id: 3, email: 'b@x'}")),
        ]));

        var duplicate = Assert.Single(error.WriteErrors);
        Assert.Equal((1, 11000), (duplicate.Index, duplicate.Code));
        Assert.Contains("email_1", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("E11000 duplicate key error", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(2, await c.CountAsync());
    }

    [SkippableFact]
    public async Task Creating_a_unique_index_over_existing_duplicates_fails_with_11000()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("users");
        await SeedAsync(c, "{_id: 1, k: 1}", "{_id: 2, k: 1}");

        var error = await Assert.ThrowsAnyAsync<MqlException>(() => c.CreateIndexesAsync([Doc.Parse("{key: {k: 1}, unique: true}")]));

        Assert.Equal(11000, error.Code);
        Assert.Equal(["_id_"], (await c.ListIndexesAsync()).Select(i => i["name"].AsString).ToList());
    }

    [SkippableFact]
    public async Task Update_that_would_duplicate_a_unique_key_fails_with_11000()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("users");
        await c.CreateIndexesAsync([Doc.Parse("{key: {k: 1}, unique: true}")]);
        await SeedAsync(c, "{_id: 1, k: 1}", "{_id: 2, k: 2}");

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(
            () => c.BulkWriteAsync([new UpdateRequest(Doc.Parse("{_id: 2}"), Doc.Parse("{$set: {k: 1}}"))]));

        Assert.Equal(11000, Assert.Single(error.WriteErrors).Code);
        AssertDocuments(await AllAsync(c), "{_id: 1, k: 1}", "{_id: 2, k: 2}");
    }

    [SkippableFact]
    public async Task Index_usage_lists_every_index()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1}");
        await c.CreateIndexesAsync([Doc.Parse("{key: {a: 1}}")]);

        var usage = await c.GetIndexUsageAsync();

        Assert.Equal(["_id_", "a_1"], usage.Select(u => u.Name).Order(StringComparer.Ordinal).ToList());
        Assert.All(usage, u => Assert.True(u.Operations >= 0));
    }

    [SkippableFact]
    public async Task Explain_of_a_find_names_the_index_scan_or_a_collection_scan()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1, b: 1}");
        await c.CreateIndexesAsync([Doc.Parse("{key: {a: 1}, name: 'a_1'}")]);

        var indexed = await db.Database.RunCommandAsync(Doc.Parse("{explain: {find: 'items', filter: {a: 1}}, verbosity: 'queryPlanner'}"));
        var scanned = await db.Database.RunCommandAsync(Doc.Parse("{explain: {find: 'items', filter: {b: 1}}, verbosity: 'queryPlanner'}"));

        var plan = indexed["queryPlanner"]["winningPlan"].AsBsonDocument;
        Assert.Equal("FETCH", plan["stage"].AsString);
        Assert.Equal(("IXSCAN", "a_1"), (plan["inputStage"]["stage"].AsString, plan["inputStage"]["indexName"].AsString));
        Assert.Equal("COLLSCAN", scanned["queryPlanner"]["winningPlan"]["stage"].AsString);
    }
}
