using Ferry.Core.Storage;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Store.Embedded.Tests;

/// <summary>
/// The raw insert path reads a leading <c>_id</c> straight from the bytes and stores the caller's array without a
/// copy; every shape of document must come out exactly as the general path would store it.
/// </summary>
public class RawInsertTests
{
    public static TheoryData<string, BsonValue> LeadingIds => new()
    {
        { "ObjectId", new BsonObjectId(ObjectId.Parse("5f1d7f3e9d1b2c3a4b5c6d7e")) },
        { "int32", new BsonInt32(-7) },
        { "string", new BsonString("usér-1") },
        { "empty string", new BsonString(string.Empty) },
        { "int64 (general path)", new BsonInt64(long.MaxValue) },
        { "document (general path)", new BsonDocument("a", 1) },
    };

    [Theory]
    [MemberData(nameof(LeadingIds))]
    public async Task A_raw_document_keeps_its_bytes_and_reports_its_id(string shape, BsonValue id)
    {
        await using var temp = new TempStore();
        var bytes = new BsonDocument { { "_id", id }, { "name", shape }, { "n", 1.5 } }.ToBson();

        var result = await temp.Collection().BulkWriteAsync([new InsertRequest(new RawBsonDocument(bytes))]);

        Assert.Equal(id, result.InsertedIds[0]);
        var stored = await temp.Collection().FindOneAsync(new BsonDocument("_id", id));
        Assert.NotNull(stored);
        Assert.Equal(bytes, stored.ToBson());
    }

    [Fact]
    public async Task An_id_that_is_not_the_first_field_is_found_and_the_bytes_are_kept_as_given()
    {
        await using var temp = new TempStore();
        var bytes = new BsonDocument { { "a", 1 }, { "_id", "later" } }.ToBson();

        var result = await temp.Collection().BulkWriteAsync([new InsertRequest(new RawBsonDocument(bytes))]);

        Assert.Equal(new BsonString("later"), result.InsertedIds[0]);
        Assert.Equal(bytes, (await temp.Collection().FindOneAsync(new BsonDocument("_id", "later")))!.ToBson());
    }

    [Fact]
    public async Task A_field_named_like_id_but_longer_is_not_taken_for_the_id()
    {
        await using var temp = new TempStore();
        var bytes = new BsonDocument { { "_idx", 1 } }.ToBson();

        var result = await temp.Collection().BulkWriteAsync([new InsertRequest(new RawBsonDocument(bytes))]);

        var id = result.InsertedIds[0];
        Assert.Equal(BsonType.ObjectId, id.BsonType);
        var stored = (await temp.Collection().FindOneAsync(new BsonDocument("_id", id)))!;
        Assert.Equal(new BsonDocument { { "_id", id }, { "_idx", 1 } }, stored);
    }

    [Fact]
    public async Task A_raw_document_over_part_of_a_larger_buffer_stores_only_its_own_bytes()
    {
        await using var temp = new TempStore();
        var document = new BsonDocument { { "_id", 3 }, { "x", "y" } }.ToBson();
        var padded = new byte[document.Length + 10];
        document.CopyTo(padded, 5);
        using var slice = new ByteArrayBuffer(padded, isReadOnly: true).GetSlice(5, document.Length);

        await temp.Collection().BulkWriteAsync([new InsertRequest(new RawBsonDocument(slice))]);

        Assert.Equal(document, (await temp.Collection().FindOneAsync(new BsonDocument("_id", 3)))!.ToBson());
    }

    [Fact]
    public async Task Numerically_equal_ids_collide_through_the_raw_path_as_in_MongoDB()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument("_id", 1.0));

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection().BulkWriteAsync(
            [new InsertRequest(new RawBsonDocument(new BsonDocument("_id", 1).ToBson()))]));

        Assert.Equal(11000, Assert.Single(error.WriteErrors).Code);
    }

    [Fact]
    public async Task A_field_name_that_is_not_UTF8_is_refused_and_a_non_ASCII_one_is_stored()
    {
        await using var temp = new TempStore();
        var good = new BsonDocument { { "_id", 1 }, { "café", 1 } }.ToBson();
        var bad = new BsonDocument { { "_id", 2 }, { "abc", 1 } }.ToBson();
        bad[4 + 1 + 4 + 4 + 1] = 0xC3; // "abc" becomes 0xC3 'b' 'c': a lead byte without its continuation
        bad[4 + 1 + 4 + 4 + 1 + 1] = 0x28;

        await temp.Collection().BulkWriteAsync([new InsertRequest(new RawBsonDocument(good))]);
        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection().BulkWriteAsync([new InsertRequest(new RawBsonDocument(bad))]));

        Assert.Equal(22, Assert.Single(error.WriteErrors).Code);
        Assert.Equal(1, await temp.Collection().CountAsync());
    }
}
