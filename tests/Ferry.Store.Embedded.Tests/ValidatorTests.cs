using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class ValidatorTests
{
    private static readonly BsonDocument AgeValidator = new("validator", new BsonDocument("age", new BsonDocument("$gte", 0)));

    [Fact]
    public async Task Query_operator_validator_rejects_invalid_inserts_and_updates_with_121()
    {
        await using var temp = new TempStore();
        await temp.Db.CreateCollectionAsync("p", AgeValidator);
        await temp.InsertAsync("p", new BsonDocument { { "_id", 1 }, { "age", 5 } });

        var insert = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.InsertAsync("p", new BsonDocument { { "_id", 2 }, { "age", -1 } }));
        var update = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection("p").BulkWriteAsync(
            [new UpdateRequest(new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("age", -5)))]));

        Assert.Equal(ErrorCodes.DocumentValidationFailure, Assert.Single(insert.WriteErrors).Code);
        Assert.Equal("Document failed validation", insert.WriteErrors[0].Message);
        Assert.Equal(ErrorCodes.DocumentValidationFailure, Assert.Single(update.WriteErrors).Code);
        Assert.Equal([new BsonDocument { { "_id", 1 }, { "age", 5 } }], await temp.Collection("p").FindAsync(null).ToListAsync());
    }

    [Fact]
    public async Task Bypass_document_validation_lets_invalid_documents_in()
    {
        await using var temp = new TempStore();
        await temp.Db.CreateCollectionAsync("p", AgeValidator);

        await temp.Collection("p").BulkWriteAsync([new InsertRequest(new BsonDocument { { "_id", 1 }, { "age", -1 } })], new BulkWriteOptions { BypassDocumentValidation = true });

        Assert.Equal(1, await temp.Collection("p").CountAsync());
    }

    [Fact]
    public async Task Moderate_level_allows_updates_of_already_invalid_documents_and_warn_allows_everything()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("p", new BsonDocument { { "_id", 1 }, { "age", -1 } }, new BsonDocument { { "_id", 2 }, { "age", 1 } });
        await temp.Db.RunCommandAsync(new BsonDocument { { "collMod", "p" }, { "validator", AgeValidator["validator"] }, { "validationLevel", "moderate" } });

        await temp.Collection("p").BulkWriteAsync([new UpdateRequest(new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("age", -2)))]);
        var valid = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection("p").BulkWriteAsync(
            [new UpdateRequest(new BsonDocument("_id", 2), new BsonDocument("$set", new BsonDocument("age", -2)))]));
        await temp.Db.RunCommandAsync(new BsonDocument { { "collMod", "p" }, { "validationAction", "warn" } });
        await temp.InsertAsync("p", new BsonDocument { { "_id", 3 }, { "age", -3 } });

        Assert.Equal(ErrorCodes.DocumentValidationFailure, Assert.Single(valid.WriteErrors).Code);
        Assert.Equal(3, await temp.Collection("p").CountAsync());
        var options = (await temp.Db.ListCollectionsAsync()).Single().Options;
        Assert.Equal("moderate", options["validationLevel"].AsString);
        Assert.Equal("warn", options["validationAction"].AsString);
    }

    [Fact]
    public async Task Json_schema_validator_is_enforced_together_with_query_operators()
    {
        await using var temp = new TempStore();
        var validator = new BsonDocument
        {
            { "$jsonSchema", new BsonDocument { { "bsonType", "object" }, { "required", new BsonArray { "name" } } } },
            { "age", new BsonDocument("$gte", 0) },
        };
        await temp.Db.CreateCollectionAsync("p", new BsonDocument("validator", validator));

        var missingName = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.InsertAsync("p", new BsonDocument { { "_id", 1 }, { "age", 1 } }));
        var negativeAge = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.InsertAsync("p", new BsonDocument { { "_id", 2 }, { "name", "n" }, { "age", -1 } }));
        await temp.InsertAsync("p", new BsonDocument { { "_id", 3 }, { "name", "n" }, { "age", 1 } });

        Assert.Equal(ErrorCodes.DocumentValidationFailure, Assert.Single(missingName.WriteErrors).Code);
        Assert.Equal(ErrorCodes.DocumentValidationFailure, Assert.Single(negativeAge.WriteErrors).Code);
        Assert.Equal(1, await temp.Collection("p").CountAsync());
    }
}
