using MongoDB.Bson;

namespace Ferry.Scripting.Tests;

public class ShellCursorAndAdminTests
{
    private const string Seed = "db.c.insertMany([{ _id: 1, n: 5 }, { _id: 2, n: 3 }, { _id: 3, n: 9 }, { _id: 4, n: 1 }]);\n";

    [Fact]
    public async Task Cursor_modifiers_sort_skip_limit_and_project()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync(Seed + "db.c.find({}, { _id: 0 }).sort({ n: -1 }).skip(1).limit(2).toArray()");
        Assert.Equal(new BsonArray { new BsonDocument("n", 5), new BsonDocument("n", 3) }, result.Value);
    }

    [Fact]
    public async Task Cursor_reads_with_next_hasNext_forEach_map_and_for_of()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync(Seed + """
            const c = db.c.find().sort({ _id: 1 });
            const first = c.next()._id;
            let rest = 0; while (c.hasNext()) { rest += c.next().n; }
            let each = 0; db.c.find().forEach(d => { each += d.n; });
            const mapped = db.c.find({ n: { $gt: 4 } }).sort({ n: 1 }).map(d => d.n * 2).toArray();
            let loop = 0; for (const d of db.c.find()) { loop++; }
            ({ first, rest, each, mapped, loop, it: db.c.find().itcount(), count: db.c.find({ n: { $gt: 2 } }).count() })
            """);
        Assert.Equal(BsonDocument.Parse("{ first: 1, rest: 13, each: 18, mapped: [10, 18], loop: 4, it: 4, count: 3 }"), result.Value);
    }

    [Fact]
    public async Task Node_driver_find_options_are_understood()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync(Seed + "db.collection('c').find({}, { projection: { n: 1, _id: 0 }, sort: { n: 1 }, limit: 1 }).toArray()");
        Assert.Equal(new BsonArray { new BsonDocument("n", 1) }, result.Value);
    }

    [Fact]
    public async Task Aggregate_returns_a_cursor()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync(Seed + """
            const sorted = db.c.aggregate([{ $match: { n: { $gt: 2 } } }, { $sort: { n: 1 } }, { $project: { _id: 0, n: 1 } }]).toArray();
            const total = db.c.aggregate({ $group: { _id: null, sum: { $sum: "$n" } } }).next().sum;
            ({ sorted, total })
            """);
        Assert.Equal(BsonDocument.Parse("{ sorted: [{ n: 3 }, { n: 5 }, { n: 9 }], total: 18 }"), result.Value);
    }

    [Fact]
    public async Task Index_methods_create_list_and_drop()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync(Seed + """
            const name = db.c.createIndex({ n: 1 }, { unique: true });
            const names = db.c.createIndexes([{ a: 1 }, { b: -1 }]);
            const listed = db.c.getIndexes().map(i => i.name);
            db.c.dropIndex({ a: 1 });
            db.c.dropIndex("b_-1");
            ({ name, names, listed, after: db.c.getIndexes().map(i => i.name) })
            """);
        Assert.Equal(BsonDocument.Parse("{ name: 'n_1', names: ['a_1', 'b_-1'], listed: ['_id_', 'n_1', 'a_1', 'b_-1'], after: ['_id_', 'n_1'] }"), result.Value);
    }

    [Fact]
    public async Task Unknown_properties_of_db_are_collections_and_db_methods_manage_them()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            db.createCollection("validated", { validator: { $jsonSchema: { required: ["name"] } } });
            db.alpha.insertOne({ _id: 1 });
            db.getCollection("beta").insertOne({ _id: 1 });
            db.alpha.renameCollection("gamma");
            db.beta.drop();
            ({ names: db.getCollectionNames(), same: db.alpha === db.alpha, full: db.gamma.getFullName(), ping: db.runCommand({ ping: 1 }).ok })
            """);
        Assert.Equal(BsonDocument.Parse("{ names: ['gamma', 'validated'], same: true, full: 'test.gamma', ping: 1 }"), result.Value);
    }

    [Fact]
    public async Task Printjson_prints_documents_as_mongosh_does()
    {
        await using var store = new TempStore();
        var (_, output) = await store.EvalAsync("""
            print("hello", 1, NumberLong(5));
            printjson({ _id: ObjectId("65f1a2b3c4d5e6f708091a2b"), tags: ["a", "b"], at: ISODate("2024-03-15T09:30:00Z") });
            """);
        Assert.Equal(
            "hello 1 Long('5')\n{\n  _id: ObjectId('65f1a2b3c4d5e6f708091a2b'),\n  tags: [ 'a', 'b' ],\n  at: ISODate('2024-03-15T09:30:00.000Z')\n}\n",
            output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Int64_values_read_as_NumberLong_wrappers_that_still_do_arithmetic()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            db.c.insertOne({ _id: 1, v: NumberLong(41) });
            const v = db.c.findOne().v;
            ({ isLong: v instanceof NumberLong, plus: v + 1, text: v.toString() })
            """);
        Assert.Equal(BsonDocument.Parse("{ isLong: true, plus: 42, text: '41' }"), result.Value);
    }

    [Fact]
    public async Task A_script_ending_with_a_cursor_shows_its_first_twenty_documents()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("const d = []; for (let i = 0; i < 25; i++) d.push({ _id: i }); db.c.insertMany(d);\ndb.c.find({}, { _id: 1 })");
        Assert.Equal(20, result.Value!.AsBsonArray.Count);
        Assert.Contains("more than 20 documents", result.Display);
    }

    [Fact]
    public async Task RunCommand_collMod_changes_a_validator()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            db.createCollection("people");
            db.people.insertOne({ _id: 1 });
            const mod = db.runCommand({ collMod: "people", validator: { $jsonSchema: { required: ["name"] } } });
            let rejected = false;
            try { db.people.insertOne({ _id: 2 }); } catch (e) { rejected = e.code === 121; }
            ({ ok: mod.ok, rejected })
            """);
        Assert.Equal(BsonDocument.Parse("{ ok: 1, rejected: true }"), result.Value);
    }

    [Fact]
    public async Task EJSON_stringify_and_parse_keep_bson_types()
    {
        await using var store = new TempStore();
        var (result, _) = await store.EvalAsync("""
            const text = EJSON.stringify({ n: NumberLong(5), d: NumberDecimal("1.5"), i: 3 }, null, null, { relaxed: false });
            const back = EJSON.parse(text);
            ({ text, isLong: back.n instanceof NumberLong, i: back.i })
            """);
        Assert.Equal("{ \"n\" : { \"$numberLong\" : \"5\" }, \"d\" : { \"$numberDecimal\" : \"1.5\" }, \"i\" : { \"$numberInt\" : \"3\" } }", result.Value!["text"].AsString);
        Assert.True(result.Value["isLong"].AsBoolean);
        Assert.Equal(3, result.Value["i"].AsInt32);
    }
}
