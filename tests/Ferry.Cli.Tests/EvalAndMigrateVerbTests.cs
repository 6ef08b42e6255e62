using Ferry.Cli.Infrastructure;
using MongoDB.Bson;
using Spectre.Console.Testing;

namespace Ferry.Cli.Tests;

/// <summary><c>ferry eval</c> and <c>ferry migrate …</c> driven through the real command line on a test console.</summary>
public sealed class EvalAndMigrateVerbTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-verb-tests", Guid.NewGuid().ToString("N"));

    public EvalAndMigrateVerbTests()
    {
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(Migrations);
        File.WriteAllText(Path.Combine(Migrations, "001_add_flag.js"), "module.exports = {\n  async up(db) { await db.items.updateMany({}, { $set: { flag: true } }); },\n  async down(db) { await db.items.updateMany({}, { $unset: { flag: '' } }); },\n};\n");
        File.WriteAllText(Path.Combine(Migrations, "002_add_index.js"), "module.exports = {\n  up(db) { db.items.createIndex({ flag: 1 }); },\n  down(db) { db.items.dropIndex('flag_1'); },\n};\n");
    }

    private string Uri => "file:" + Path.Combine(_folder, "store");

    private string Migrations => Path.Combine(_folder, "migrations");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        var exit = await FerryApp.Create(console).RunAsync(args);
        return (exit, console.Output);
    }

    private Task<(int Exit, string Output)> MigrateAsync(params string[] args) =>
        RunAsync([.. args, "--uri", Uri, "--db", "app", "--dir", Migrations]);

    [Fact]
    public async Task Eval_prints_what_the_script_printed_and_its_value()
    {
        var (exit, output) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "db.items.insertOne({ _id: 1 }); print('hi'); db.items.countDocuments()");
        Assert.Equal(0, exit);
        Assert.Equal("hi\n1", output.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
    }

    [Fact]
    public async Task Eval_json_gives_the_value_as_one_document()
    {
        var (exit, output) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--json", "--eval", "({ n: NumberLong(5) })");
        Assert.Equal(0, exit);
        Assert.Equal(new BsonDocument { { "ok", true }, { "result", new BsonDocument("n", 5L) } }, BsonDocument.Parse(output));
    }

    [Fact]
    public async Task Eval_exits_2_on_a_syntax_error_and_1_on_a_runtime_error_naming_the_location()
    {
        var (syntax, syntaxOutput) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "var = 1");
        Assert.Equal(2, syntax);
        Assert.Contains("<eval>:1:5: SyntaxError", syntaxOutput);
        var (runtime, runtimeOutput) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "db.c.insertOne({ _id: 1 });\ndb.c.insertOne({ _id: 1 })");
        Assert.Equal(1, runtime);
        Assert.Contains("<eval>:2:", runtimeOutput);
        Assert.Contains("code 11000, DuplicateKey", runtimeOutput);
    }

    [Fact]
    public async Task Eval_json_of_a_runtime_error_is_the_failure_document_and_exit_1()
    {
        var (exit, output) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--json", "--eval", "db.c.insertOne({ _id: 1 });\ndb.c.insertOne({ _id: 1 })");

        Assert.Equal(1, exit);
        // The test console carries both streams: the JSON document, then the error line (standard error).
        var json = BsonDocument.Parse(output[..output.IndexOf("error: ", StringComparison.Ordinal)]);
        Assert.Equal(["ok", "error", "file", "line", "column", "code", "codeName"], json.Names);
        Assert.False(json["ok"].AsBoolean);
        Assert.Equal("<eval>", json["file"].AsString);
        Assert.Equal(2, json["line"].AsInt32);
        Assert.Equal(11000, json["code"].AsInt32);
        Assert.Contains("error: <eval>:2:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("down", "--version: which migration to roll back is required")]
    [InlineData("baseline", "--to: the version to baseline up to is required")]
    public async Task A_missing_required_migrate_option_is_bad_input_naming_the_option(string verb, string expected)
    {
        var (exit, output) = await RunAsync("migrate", verb, "--uri", Uri, "--db", "app", "--dir", Migrations);

        Assert.Equal(2, exit);
        Assert.Contains("error: " + expected, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "store")));
    }

    [Fact]
    public async Task Eval_needs_exactly_one_of_file_and_eval()
    {
        var (exit, _) = await RunAsync("eval", "--uri", Uri, "--db", "app");
        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Migrate_plan_up_status_and_down_through_the_command_line()
    {
        await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "db.items.insertMany([{ _id: 1 }, { _id: 2 }])");
        Assert.Equal(1, (await MigrateAsync("migrate", "plan")).Exit);

        var (upExit, upOutput) = await MigrateAsync("migrate", "up", "--json", "--no-backup");
        Assert.Equal(0, upExit);
        var up = BsonDocument.Parse(upOutput)["databases"][0].AsBsonDocument;
        Assert.Equal("002", up["currentVersion"].AsString);
        Assert.Equal(new BsonArray { "001", "002" }, new BsonArray(up["steps"].AsBsonArray.Select(s => s["version"])));

        Assert.Equal(0, (await MigrateAsync("migrate", "plan")).Exit);
        var (_, statusOutput) = await MigrateAsync("migrate", "status", "--json");
        Assert.Equal(new BsonArray { "applied", "applied" }, new BsonArray(BsonDocument.Parse(statusOutput)["databases"][0]["migrations"].AsBsonArray.Select(m => m["state"])));

        var (refused, refusedOutput) = await MigrateAsync("migrate", "down", "--version", "001");
        Assert.Equal(2, refused);
        Assert.Contains("--cascade", refusedOutput);
        var (downExit, _) = await MigrateAsync("migrate", "down", "--version", "001", "--cascade");
        Assert.Equal(0, downExit);
        var (_, count) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "db.items.countDocuments({ flag: { $exists: true } })");
        Assert.Equal("0", count.Trim());
    }

    [Fact]
    public async Task Migrate_create_writes_the_next_file_and_help_renders()
    {
        var (exit, output) = await RunAsync("migrate", "create", "add reports index", "--dir", Migrations);
        Assert.Equal(0, exit);
        Assert.Contains("003_add_reports_index.js", output);
        Assert.True(File.Exists(Path.Combine(Migrations, "003_add_reports_index.js")));
        var (helpExit, help) = await RunAsync("migrate", "--help");
        Assert.Equal(0, helpExit);
        Assert.Contains("--cascade", help);
    }

    [Fact]
    public async Task Eval_dry_run_lists_the_writes_and_makes_none()
    {
        await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "db.items.insertMany([{ _id: 1, n: 1 }, { _id: 2, n: 2 }, { _id: 3, n: 5 }])");
        var (exit, output) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--dry-run", "--json", "--eval", "db.items.updateMany({ n: { $lt: 3 } }, { $set: { small: true } }); db.items.deleteOne({ _id: 3 })");
        Assert.Equal(0, exit);
        var writes = BsonDocument.Parse(output)["writes"].AsBsonArray;
        Assert.Equal(new BsonArray { "updateMany", "deleteOne" }, new BsonArray(writes.Select(w => w["op"])));
        Assert.Equal([2L, 1L], writes.Select(w => w["affected"].ToInt64()));
        var (_, left) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "db.items.countDocuments({ small: { $exists: false } })");
        Assert.Equal("3", left.Trim());
    }

    [Fact]
    public async Task Eval_dry_run_records_an_out_or_merge_pipeline_and_never_runs_it()
    {
        await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "db.items.insertMany([{ _id: 1, n: 1 }, { _id: 2, n: 2 }, { _id: 3, n: 5 }])");

        var (exit, output) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--dry-run", "--json", "--eval",
            "db.items.aggregate([{ $match: { n: { $lt: 3 } } }, { $out: 'small' }]).toArray(); db.items.aggregate([{ $merge: { into: 'items' } }]).toArray()");

        Assert.Equal(0, exit);
        var writes = BsonDocument.Parse(output)["writes"].AsBsonArray;
        Assert.Equal(new BsonArray { "$out", "$merge" }, new BsonArray(writes.Select(w => w["op"])));
        Assert.Equal([2L, 3L], writes.Select(w => w["affected"].ToInt64()));
        var (_, collections) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "db.getCollectionNames().join(',')");
        Assert.Equal("items", collections.Trim());
    }

    [Theory]
    [InlineData("--timeout", "-1", "--timeout -1: expected seconds, 0 for no limit")]
    [InlineData("--memory-limit", "-5", "--memory-limit -5: expected MiB, 0 for no limit")]
    public async Task A_negative_script_limit_is_bad_input_not_no_limit(string option, string value, string expected)
    {
        var (exit, output) = await RunAsync("eval", "--uri", Uri, "--db", "app", option, value, "--eval", "db.items.insertOne({ _id: 'x' })");

        Assert.Equal(2, exit);
        Assert.Contains(expected, output);
        var (_, count) = await RunAsync("eval", "--uri", Uri, "--db", "app", "--eval", "db.items.countDocuments({})");
        Assert.Equal("0", count.Trim());
    }

    [Fact]
    public async Task A_refusal_on_a_later_database_is_that_databases_failure_after_earlier_ones_were_migrated()
    {
        Assert.Equal(0, (await RunAsync("migrate", "up", "--uri", Uri, "--db", "a,b", "--dir", Migrations, "--to", "001", "--no-backup")).Exit);
        await RunAsync("eval", "--uri", Uri, "--db", "b", "--eval", "db._ferry_migrations.updateOne({}, { $set: { checksum: 'edited-since' } })");

        var (exit, output) = await RunAsync("migrate", "up", "--uri", Uri, "--db", "a,b", "--dir", Migrations, "--no-backup", "--json");

        Assert.Equal(1, exit);
        var json = BsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var databases = json["databases"].AsBsonArray;
        Assert.Equal("a", databases[0]["database"].AsString);
        Assert.Equal("002", databases[0]["currentVersion"].AsString);
        Assert.Equal("b", databases[1]["database"].AsString);
        Assert.Contains("001", databases[1]["error"].AsString);
    }
}
