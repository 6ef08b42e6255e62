using Ferry.Core.Errors;
using Ferry.Core.Migrations;
using Ferry.Scripting.Migrations;
using MongoDB.Bson;

namespace Ferry.Scripting.Tests.Migrations;

public class ModuleFormatTests
{
    private static readonly JintMigrationScriptRunner Runner = new();

    [Fact]
    public void Inspect_reads_the_parts_and_the_description_without_touching_data()
    {
        var info = Runner.Inspect(new MigrationScript("001_x.js", "module.exports = { description: 'Adds x', async up(db) { db.c.insertOne({}) }, async down(db) {} };"));
        Assert.Equal(new MigrationScriptInfo(true, "Adds x"), info);
        var upOnly = Runner.Inspect(new MigrationScript("002_y.js", "exports.up = function (db) {};"));
        Assert.Equal(new MigrationScriptInfo(false, null), upOnly);
    }

    [Fact]
    public void A_syntax_error_names_file_line_and_column()
    {
        var error = Assert.Throws<UserInputException>(() => Runner.Inspect(new MigrationScript("003_bad.js", "module.exports = {\n  up(db) { db.c.insertOne({ a: }) }\n};")));
        Assert.StartsWith("003_bad.js:2:", error.Message);
        Assert.Contains("SyntaxError", error.Message);
    }

    [Fact]
    public void A_module_without_up_is_bad_input()
    {
        var error = Assert.Throws<UserInputException>(() => Runner.Inspect(new MigrationScript("004_empty.js", "module.exports = { down() {} };")));
        Assert.Contains("004_empty.js: module.exports has no up function", error.Message);
    }

    [Fact]
    public void Touching_the_database_while_the_module_loads_is_refused()
    {
        var error = Assert.Throws<UserInputException>(() => Runner.Inspect(new MigrationScript("005_eager.js", "db.users.drop();\nmodule.exports = { up() {} };")));
        Assert.Contains("005_eager.js:1", error.Message);
    }

    [Fact]
    public async Task A_migrate_mongo_module_runs_unchanged_with_await_and_the_node_driver_api()
    {
        await using var store = new TempStore();
        var script = new MigrationScript("20240101000000-blacklist.js", """
            module.exports = {
              async up(db, client) {
                await db.collection('albums').updateOne({ artist: 'The Beatles' }, { $set: { blacklisted: true } }, { upsert: true });
                const count = await db.collection('albums').countDocuments({ blacklisted: true });
                await client.db('other').collection('log').insertOne({ count });
              },
              async down(db) {
                await db.collection('albums').updateOne({ artist: 'The Beatles' }, { $set: { blacklisted: false } });
              },
            };
            """);
        await Runner.RunAsync(script, MigrationDirection.Up, store.Db);
        var album = await store.Db.GetCollection("albums").FindOneAsync(null);
        Assert.True(album!["blacklisted"].AsBoolean);
        var log = await store.Store.GetDatabase("other").GetCollection("log").FindOneAsync(null);
        Assert.Equal(1, log!["count"].AsInt32);
        await Runner.RunAsync(script, MigrationDirection.Down, store.Db);
        Assert.False((await store.Db.GetCollection("albums").FindOneAsync(null))!["blacklisted"].AsBoolean);
    }

    [Fact]
    public async Task A_duplicate_key_inside_a_migration_fails_it_with_the_location_and_the_key()
    {
        await using var store = new TempStore();
        var script = new MigrationScript("006_dup.js", "module.exports = {\n  async up(db) {\n    await db.c.insertOne({ _id: 1 });\n    await db.c.insertOne({ _id: 1 });\n  },\n};");
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => Runner.RunAsync(script, MigrationDirection.Up, store.Db));
        Assert.Equal("006_dup.js", error.SourceName);
        Assert.Equal(4, error.Line);
        Assert.Equal(11000, error.Code);
        Assert.Contains("dup key", error.Message);
        Assert.Equal(1, await store.Db.GetCollection("c").CountAsync(new BsonDocument()));
    }

    [Fact]
    public async Task The_migrate_mongo_transaction_pattern_runs_its_body()
    {
        await using var store = new TempStore();
        var script = new MigrationScript("007_tx.js", """
            module.exports = {
              async up(db, client) {
                const session = client.startSession();
                try {
                  await session.withTransaction(async () => {
                    await db.collection('albums').insertOne({ _id: 1 }, { session });
                    await db.collection('albums').updateOne({ _id: 1 }, { $set: { ok: true } }, { session });
                  });
                } finally {
                  await session.endSession();
                }
              },
            };
            """);
        await Runner.RunAsync(script, MigrationDirection.Up, store.Db);
        Assert.Equal(BsonDocument.Parse("{ _id: 1, ok: true }"), await store.Db.GetCollection("albums").FindOneAsync(null));
    }
}
