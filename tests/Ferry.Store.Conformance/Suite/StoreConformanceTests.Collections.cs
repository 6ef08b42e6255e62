using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Store.Conformance.Targets;

namespace Ferry.Store.Conformance.Suite;

/// <summary>Collections: create with options, list, rename (with dropTarget), drop; databases listed and dropped.</summary>
public abstract partial class StoreConformanceTests
{
    [SkippableFact]
    public async Task Created_collection_is_listed_with_its_validator_and_a_second_create_is_NamespaceExists()
    {
        await using var db = await OpenAsync();
        var validator = Doc.Parse("{$jsonSchema: {bsonType: 'object', required: ['name']}}");

        await db.Database.CreateCollectionAsync("people", Doc.Parse("{validationLevel: 'moderate'}").Add("validator", validator));
        await db.Database.CreateCollectionAsync("animals");
        var error = await Assert.ThrowsAnyAsync<MqlException>(() => db.Database.CreateCollectionAsync("people"));
        var listed = await db.Database.ListCollectionsAsync();

        Assert.Equal(ErrorCodes.NamespaceExists, error.Code);
        Assert.Equal(["animals", "people"], listed.Select(l => l.Name).ToList());
        Assert.Equal("collection", listed[1].Type);
        Assert.Equal(validator, listed[1].Options["validator"]);
        Assert.Equal("moderate", listed[1].Options["validationLevel"].AsString);
    }

    [SkippableFact]
    public async Task Query_operator_validator_rejects_invalid_inserts_and_updates_with_121()
    {
        await using var db = await OpenAsync();
        await db.Database.CreateCollectionAsync("people", Doc.Parse("{validator: {age: {$gte: 0}}}"));
        var c = db.Collection("people");
        await SeedAsync(c, "{_id: 1, age: 5}");

        var insert = await Assert.ThrowsAsync<BulkWriteFailedException>(() => c.BulkWriteAsync([new InsertRequest(Doc.Parse("{_id: 2, age: -1}"))]));
        var update = await Assert.ThrowsAsync<BulkWriteFailedException>(() => c.BulkWriteAsync([new UpdateRequest(Doc.Parse("{_id: 1}"), Doc.Parse("{$set: {age: -5}}"))]));

        Assert.Equal((0, 121), (insert.WriteErrors[0].Index, insert.WriteErrors[0].Code));
        Assert.Equal(121, Assert.Single(update.WriteErrors).Code);
        Assert.Equal("Document failed validation", insert.WriteErrors[0].Message);
        AssertDocuments(await AllAsync(c), "{_id: 1, age: 5}");
    }

    [SkippableFact]
    public async Task JsonSchema_validator_rejects_invalid_documents_with_121_unless_bypassed()
    {
        await using var db = await OpenAsync();
        await db.Database.CreateCollectionAsync("people", Doc.Parse("{validator: {$jsonSchema: {bsonType: 'object', required: ['name']}}}"));
        var c = db.Collection("people");

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => c.BulkWriteAsync([new InsertRequest(Doc.Parse("{_id: 1}"))]));
        await c.BulkWriteAsync([new InsertRequest(Doc.Parse("{_id: 2}"))], new BulkWriteOptions { BypassDocumentValidation = true });

        Assert.Equal(121, Assert.Single(error.WriteErrors).Code);
        AssertDocuments(await AllAsync(c), "{_id: 2}");
    }

    [SkippableFact]
    public async Task Rename_moves_documents_and_indexes_and_refuses_an_existing_target_without_dropTarget()
    {
        await using var db = await OpenAsync();
        await SeedAsync(db.Collection("a"), "{_id: 1}");
        await db.Collection("a").CreateIndexesAsync([Doc.Parse("{key: {x: 1}}")]);
        await SeedAsync(db.Collection("b"), "{_id: 2}");

        var error = await Assert.ThrowsAnyAsync<MqlException>(() => db.Database.RenameCollectionAsync("a", "b"));
        await db.Database.RenameCollectionAsync("a", "b", dropTarget: true);

        Assert.Equal(ErrorCodes.NamespaceExists, error.Code);
        Assert.Equal(["b"], (await db.Database.ListCollectionsAsync()).Select(l => l.Name).ToList());
        AssertDocuments(await AllAsync(db.Collection("b")), "{_id: 1}");
        Assert.Equal(["_id_", "x_1"], (await db.Collection("b").ListIndexesAsync()).Select(i => i["name"].AsString).ToList());
    }

    [SkippableFact]
    public async Task Renaming_a_missing_collection_is_NamespaceNotFound()
    {
        await using var db = await OpenAsync();

        var error = await Assert.ThrowsAnyAsync<MqlException>(() => db.Database.RenameCollectionAsync("ghost", "b"));

        Assert.Equal(ErrorCodes.NamespaceNotFound, error.Code);
    }

    [SkippableFact]
    public async Task Drop_removes_a_collection_and_dropping_a_missing_one_is_not_an_error()
    {
        await using var db = await OpenAsync();
        await SeedAsync(db.Collection("a"), "{_id: 1}");

        await db.Database.DropCollectionAsync("a");
        await db.Database.DropCollectionAsync("a");

        Assert.Empty(await db.Database.ListCollectionsAsync());
        Assert.Equal(0, await db.Collection("a").CountAsync());
    }

    [SkippableFact]
    public async Task Database_is_listed_once_written_and_gone_after_drop()
    {
        await using var db = await OpenAsync();
        await SeedAsync(db.Collection("a"), "{_id: 1}");

        var before = await db.Store.ListDatabaseNamesAsync();
        await db.Store.DropDatabaseAsync(db.Database.Name);
        var after = await db.Store.ListDatabaseNamesAsync();

        Assert.Contains(db.Database.Name, before);
        Assert.DoesNotContain(db.Database.Name, after);
    }
}
