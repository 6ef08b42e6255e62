using MongoDB.Bson;

namespace Ferry.Scripting.Tests;

public class ShellCrudTests
{
    [Fact]
    public async Task InsertOne_returns_mongosh_shape_and_the_document_can_be_found()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            const r = db.users.insertOne({ _id: 1, name: "Ada" });
            const found = db.users.findOne({ _id: 1 });
            ({ ack: r.acknowledged, id: r.insertedId, name: found.name })
            """);
        Assert.Equal(new BsonDocument { { "ack", true }, { "id", 1 }, { "name", "Ada" } }, result.Value);
    }

    [Fact]
    public async Task Integers_in_int32_range_are_stored_as_Int32_and_other_numbers_as_Double()
    {
        await using var store = new TempStore();
        await store.EvalAsync("db.n.insertOne({ _id: 1, small: 42, big: 3000000000, frac: 1.5, neg: -7, long: NumberLong('9007199254740993') })");
        var stored = await store.Db.GetCollection("n").FindOneAsync(new BsonDocument("_id", 1));
        Assert.Equal(BsonType.Int32, stored!["small"].BsonType);
        Assert.Equal(BsonType.Double, stored["big"].BsonType);
        Assert.Equal(BsonType.Double, stored["frac"].BsonType);
        Assert.Equal(BsonType.Int32, stored["neg"].BsonType);
        Assert.Equal(new BsonInt64(9007199254740993), stored["long"]);
    }

    [Fact]
    public async Task Bson_types_without_a_javascript_form_round_trip_through_a_script_unchanged()
    {
        await using var store = new TempStore();
        var original = new BsonDocument
        {
            { "_id", ObjectId.Parse("65f1a2b3c4d5e6f708091a2b") },
            { "long", new BsonInt64(long.MaxValue) },
            { "dec", new BsonDecimal128(Decimal128.Parse("1234.5678")) },
            { "ts", new BsonTimestamp(1700000000, 7) },
            { "uuid", new BsonBinaryData(Guid.Parse("0e5b5a53-4f0c-4e5f-9a1b-2c3d4e5f6a7b"), GuidRepresentation.Standard) },
            { "when", new BsonDateTime(1700000000123) },
            { "min", BsonMinKey.Value },
        };
        await store.Db.GetCollection("t").BulkWriteAsync([new Ferry.Core.Storage.InsertRequest(original)]);
        await store.EvalAsync("const d = db.t.findOne(); d._id = undefined; delete d._id; db.copy.insertOne(Object.assign({ _id: db.t.findOne()._id }, d));");
        var copy = await store.Db.GetCollection("copy").FindOneAsync(null);
        Assert.Equal(original, copy);
    }

    [Fact]
    public async Task Helpers_build_the_bson_types_mongosh_builds()
    {
        await using var store = new TempStore();
        await store.EvalAsync("""
            db.h.insertOne({ _id: 1,
              oid: ObjectId("65f1a2b3c4d5e6f708091a2b"), date: ISODate("2024-03-15T09:30:00Z"), dec: NumberDecimal("0.1"),
              int: NumberInt(5), uuid: UUID("0e5b5a53-4f0c-4e5f-9a1b-2c3d4e5f6a7b"), ts: Timestamp({ t: 5, i: 6 }),
              bin: BinData(0, "AQID"), re: /ab+c/i, dbl: Double(3) })
            """);
        var d = await store.Db.GetCollection("h").FindOneAsync(null);
        Assert.Equal(ObjectId.Parse("65f1a2b3c4d5e6f708091a2b"), d!["oid"].AsObjectId);
        Assert.Equal(new BsonDateTime(new DateTime(2024, 3, 15, 9, 30, 0, DateTimeKind.Utc)), d["date"]);
        Assert.Equal(new BsonDecimal128(Decimal128.Parse("0.1")), d["dec"]);
        Assert.Equal(new BsonInt32(5), d["int"]);
        Assert.Equal(BsonBinarySubType.UuidStandard, d["uuid"].AsBsonBinaryData.SubType);
        Assert.Equal(new BsonTimestamp(5, 6), d["ts"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, d["bin"].AsBsonBinaryData.Bytes);
        Assert.Equal(new BsonRegularExpression("ab+c", "i"), d["re"]);
        Assert.Equal(new BsonDouble(3), d["dbl"]);
    }

    [Fact]
    public async Task Updates_report_matched_modified_and_upserted_counts()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            db.c.insertMany([{ _id: 1, n: 1 }, { _id: 2, n: 2 }, { _id: 3, n: 3 }]);
            const many = db.c.updateMany({ n: { $gte: 2 } }, { $set: { big: true } });
            const up = db.c.updateOne({ _id: 9 }, { $set: { n: 9 } }, { upsert: true });
            const rep = db.c.replaceOne({ _id: 1 }, { n: 100 });
            const del = db.c.deleteMany({ n: { $lt: 5 } });
            ({ m: many.matchedCount, mod: many.modifiedCount, upId: up.upsertedId, upCount: up.upsertedCount, rep: rep.modifiedCount, del: del.deletedCount, left: db.c.countDocuments() })
            """);
        Assert.Equal(new BsonDocument { { "m", 2 }, { "mod", 2 }, { "upId", 9 }, { "upCount", 1 }, { "rep", 1 }, { "del", 2 }, { "left", 2 } }, result.Value);
    }

    [Fact]
    public async Task An_update_without_operators_is_refused_before_reaching_the_store()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            db.c.insertOne({ _id: 1, keep: true });
            let message;
            try { db.c.updateOne({ _id: 1 }, { keep: false }); } catch (e) { message = e.name + ": " + e.message; }
            message
            """);
        Assert.Equal("MongoInvalidArgumentError: Update document requires atomic operators", result.Value!.AsString);
    }

    [Fact]
    public async Task A_duplicate_key_is_a_catchable_error_with_code_and_codeName()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            db.c.insertOne({ _id: 1 });
            let caught;
            try { db.c.insertOne({ _id: 1 }); } catch (e) { caught = { name: e.name, code: e.code, codeName: e.codeName, isError: e instanceof Error }; }
            caught
            """);
        Assert.Equal(new BsonDocument { { "name", "MongoServerError" }, { "code", 11000 }, { "codeName", "DuplicateKey" }, { "isError", true } }, result.Value);
    }

    [Fact]
    public async Task An_uncaught_store_error_fails_the_script_with_its_code_and_location()
    {
        await using var store = new TempStore();
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => store.EvalAsync("db.c.insertOne({ _id: 1 });\ndb.c.insertOne({ _id: 1 });"));
        Assert.Equal(11000, error.Code);
        Assert.Equal("DuplicateKey", error.CodeName);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task BulkWrite_takes_mongosh_operations_and_reports_counts()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            db.c.insertOne({ _id: 1, n: 1 });
            const r = db.c.bulkWrite([
              { insertOne: { document: { _id: 2, n: 2 } } },
              { updateOne: { filter: { _id: 1 }, update: { $inc: { n: 10 } } } },
              { updateMany: { filter: { n: { $gt: 100 } }, update: { $set: { x: 1 } }, upsert: true } },
              { replaceOne: { filter: { _id: 2 }, replacement: { n: 20 } } },
              { deleteOne: { filter: { _id: 2 } } },
            ]);
            ({ i: r.insertedCount, m: r.matchedCount, mod: r.modifiedCount, d: r.deletedCount, u: r.upsertedCount, n1: db.c.findOne({ _id: 1 }).n })
            """);
        Assert.Equal(new BsonDocument { { "i", 1 }, { "m", 2 }, { "mod", 2 }, { "d", 1 }, { "u", 1 }, { "n1", 11 } }, result.Value);
    }

    [Fact]
    public async Task Async_scripts_can_await_every_db_method()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            (async () => {
              await db.c.insertMany([{ _id: 1 }, { _id: 2 }]);
              const docs = await db.c.find().toArray();
              return docs.length + await db.c.countDocuments({});
            })()
            """);
        Assert.Equal(4, result.Value!.AsInt32);
    }

    [Fact]
    public async Task Legacy_insert_update_and_remove_still_work()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            const i = db.c.insert([{ _id: 1, n: 1 }, { _id: 2, n: 2 }]);
            const u = db.c.update({}, { $inc: { n: 10 } }, { multi: true });
            const r = db.c.remove({ _id: 1 });
            ({ i: i.nInserted, u: u.nModified, r: r.nRemoved, left: db.c.findOne().n })
            """);
        Assert.Equal(BsonDocument.Parse("{ i: 2, u: 2, r: 1, left: 12 }"), result.Value);
    }

    [Fact]
    public async Task For_await_iterates_a_cursor()
    {
        await using var store = new TempStore();
        var (_, output) = await store.EvalAsync("""
            db.c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
            let sum = 0;
            for await (const d of db.c.find()) { sum += d._id; }
            print(sum);
            """);
        Assert.Equal("6", output.Trim());
    }

    [Fact]
    public async Task FindOneAndUpdate_distinct_and_counts_behave_as_in_mongosh()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            db.c.insertMany([{ _id: 1, tag: "a", n: 1 }, { _id: 2, tag: "b", n: 2 }, { _id: 3, tag: "a", n: 3 }]);
            const before = db.c.findOneAndUpdate({ _id: 1 }, { $inc: { n: 10 } });
            const after = db.c.findOneAndUpdate({ _id: 2 }, { $inc: { n: 10 } }, { returnNewDocument: true });
            const node = db.c.findOneAndUpdate({ _id: 3 }, { $inc: { n: 10 } }, { returnDocument: "after" });
            ({ before: before.n, after: after.n, node: node.n, tags: db.c.distinct("tag").sort(), est: db.c.estimatedDocumentCount(), skipped: db.c.countDocuments({}, { skip: 1, limit: 1 }) })
            """);
        Assert.Equal(BsonDocument.Parse("{ before: 1, after: 12, node: 13, tags: ['a', 'b'], est: 3, skipped: 1 }"), result.Value);
    }

    [Fact]
    public async Task A_collection_validator_rejects_documents_with_a_catchable_error()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            db.createCollection("people", { validator: { $jsonSchema: { bsonType: "object", required: ["name"] } } });
            let code;
            try { db.people.insertOne({ age: 3 }); } catch (e) { code = e.codeName; }
            ({ code, count: db.people.countDocuments() })
            """);
        Assert.Equal(BsonDocument.Parse("{ code: 'DocumentValidationFailure', count: 0 }"), result.Value);
    }

    [Fact]
    public async Task A_malformed_helper_argument_is_a_catchable_error()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            let name;
            try { ObjectId("not-hex"); } catch (e) { name = e.name; }
            name
            """);
        Assert.Equal("MongoInvalidArgumentError", result.Value!.AsString);
    }
}
