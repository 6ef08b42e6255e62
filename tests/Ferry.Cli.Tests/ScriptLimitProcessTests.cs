using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// Issue #23: a script that recurses or nests deeply, awaits a promise that never settles, or runs a catastrophic
/// regex is a script error of the real <c>ferry</c> process — exit 1, one error line, no .NET stack trace, within
/// <c>--timeout</c> — not a native stack overflow that kills the process (exit 134, thousands of trace lines).
/// A migration failing so is recorded as failed with the lock released, and (by default) rolled back to the backup
/// taken before it; with <c>--no-auto-rollback</c> it names the backup that undoes it.
/// </summary>
public sealed class ScriptLimitProcessTests : IDisposable
{
    private const string DeepObject = "let o={},c=o;for(let i=0;i<20000;i++){c.a={};c=c.a};";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<FerryProcess.Outcome> EvalAsync(string script, params string[] more) =>
        FerryProcess.RunAsync(Limit, ["eval", "--uri", _cli.StoreUri, "--db", "app", "--eval", script, .. more]);

    private static void AssertOneScriptError(FerryProcess.Outcome outcome, string expected)
    {
        Assert.True(outcome.Exit == 1, $"exit {outcome.Exit}: {outcome.Stderr[..Math.Min(outcome.Stderr.Length, 2000)]}{outcome.Stdout}");
        Assert.DoesNotContain("   at ", outcome.Stdout + outcome.Stderr, StringComparison.Ordinal);
        Assert.Equal(expected, outcome.Text);
    }

    [Theory]
    [InlineData(DeepObject + "JSON.stringify(o)", "error: <eval>:1:68: RangeError: Maximum call stack size exceeded")]
    [InlineData(DeepObject + "o", "error: <eval>:1:53: RangeError: value nested deeper than 150 levels (MongoDB stores documents at most 100 deep; a cycle?)")]
    [InlineData("function f(n){return f(n+1)} f(0)", "error: <eval>: RecursionLimitExceeded: call depth beyond 512 in f")]
    [InlineData("EJSON.parse('['.repeat(100000)+']'.repeat(100000))", "error: <eval>:1:1: RangeError: EJSON.parse: text nested deeper than 300 levels")]
    public async Task Deep_recursion_and_nesting_are_one_line_script_errors(string script, string expected) =>
        AssertOneScriptError(await EvalAsync(script), expected);

    [Fact]
    public async Task One_huge_array_allocation_is_stopped_by_the_memory_limit_at_once_not_by_the_time_limit()
    {
        var startup = await FerryProcess.StartupAsync(_cli.StoreUri);
        var outcome = await EvalAsync("let a = new Array(5e8).fill(1.5); a.length", "--memory-limit", "128", "--timeout", "120");

        AssertOneScriptError(outcome, "error: <eval>: MemoryLimitExceeded: script memory limit exceeded: an array of 500000000 elements does not fit in the limit of 128 MiB (at most 16777216 elements; see --memory-limit)");
        Assert.True(outcome.Elapsed < startup + TimeSpan.FromSeconds(10), $"took {outcome.Elapsed} (start-up {startup})");
    }

    [Fact]
    public async Task Inserting_a_20000_deep_document_is_refused_and_nothing_is_written()
    {
        AssertOneScriptError(
            await EvalAsync(DeepObject + "db.c.insertOne(o)"),
            "error: <eval>:1:68: RangeError: value nested deeper than 150 levels (MongoDB stores documents at most 100 deep; a cycle?)");
        Assert.Equal(0, await _cli.CountAsync("app", "c"));
    }

    [Theory]
    [InlineData("await new Promise(()=>{})", "error: <eval>: TimeLimitExceeded: the script ran longer than its time limit of 00:00:03", 3)]
    [InlineData("/(a+)+$/.test('a'.repeat(40)+'!')", "error: <eval>: TimeLimitExceeded: the script ran longer than its time limit of 00:00:03", 3)]
    // Ferry.Query's $regex has its own 5 s match limit, which the script's deadline cannot shorten.
    [InlineData("db.r.insertOne({s:'a'.repeat(40)+'!'}); db.r.find({s:{$regex:'(a+)+$'}}).toArray()", "error: <eval>:1:41: MongoServerError: Error occurred while executing the regular expression (a+)+$: the match took longer than 5 s (catastrophic backtracking?) (code 51156, Location51156)", 5)]
    public async Task A_never_settling_promise_and_catastrophic_regexes_stop_at_the_timeout(string script, string expected, int seconds)
    {
        var startup = await FerryProcess.StartupAsync(_cli.StoreUri);
        var outcome = await EvalAsync(script, "--timeout", "3");
        AssertOneScriptError(outcome, expected);
        // 5 s of slack for a loaded machine (test projects run side by side); the defects overran by 8 s or more.
        Assert.True(outcome.Elapsed < startup + TimeSpan.FromSeconds(seconds + 5), $"took {outcome.Elapsed} (start-up {startup})");
    }

    [Fact]
    public async Task A_migration_that_overflows_is_recorded_as_failed_and_rolled_back_to_its_backup_and_releases_the_lock()
    {
        var original = await SeedAsync();
        var migrations = WriteMigration("001_deep.js", "module.exports = {\n  async up(db) {\n    await db.items.updateMany({ n: { $lt: 5 } }, { $set: { touched: true } });\n    " + DeepObject + "\n    JSON.stringify(o);\n  },\n  async down(db) {},\n};\n");
        var backups = _cli.PathOf("backups");

        var outcome = await FerryProcess.RunAsync(Limit, "migrate", "up", "--uri", _cli.StoreUri, "--db", "app", "--dir", migrations, "--backup-dir", backups, "--json");

        Assert.True(outcome.Exit == 1, $"exit {outcome.Exit}: {outcome.Stderr[..Math.Min(outcome.Stderr.Length, 2000)]}{outcome.Stdout}");
        Assert.DoesNotContain("   at ", outcome.Stdout + outcome.Stderr, StringComparison.Ordinal);
        var run = BsonDocument.Parse(outcome.Stdout)["databases"][0].AsBsonDocument;
        const string error = "001_deep.js:5:20: RangeError: Maximum call stack size exceeded";
        Assert.Equal(error, run["steps"][0]["error"].AsString);
        var tag = run["backupTag"].AsString;
        Assert.StartsWith("pre-migration-app-", tag, StringComparison.Ordinal);
        Assert.Equal(BsonNull.Value, run["restoreCommand"]);
        Assert.Equal(new BsonDocument { { "status", "rolled_back" }, { "rolledBack", true }, { "verified", true }, { "backupTag", tag }, { "details", new BsonArray() } }, run["rollback"]);
        Assert.Equal(1, run["pending"].AsInt32);

        await using var store = await OpenAsync();
        var entry = await store.GetDatabase("app").GetCollection(MigrationChangelog.CollectionName).FindAsync(null).SingleAsync();
        Assert.Equal(ChangelogEntry.Failed, entry["outcome"].AsString);
        Assert.Equal(error, entry["error"].AsString);
        Assert.Equal(tag, entry["rolledBackTo"].AsString);
        Assert.Equal(0, await store.GetDatabase("app").GetCollection(Ferry.Core.Runs.DatabaseRunLock.CollectionName).CountAsync());
        Assert.Equal(original, await AllAsync(store.GetDatabase("app").GetCollection("items")));
    }

    [Fact]
    public async Task With_no_auto_rollback_a_failed_migration_leaves_its_writes_and_its_backup_restores_the_data()
    {
        var original = await SeedAsync();
        var migrations = WriteMigration("001_half.js", "module.exports = {\n  async up(db) {\n    await db.items.updateMany({ n: { $lt: 5 } }, { $set: { touched: true } });\n    throw new Error('half way');\n  },\n  async down(db) {},\n};\n");
        var backups = _cli.PathOf("backups");

        var outcome = await FerryProcess.RunAsync(Limit, "migrate", "up", "--uri", _cli.StoreUri, "--db", "app", "--dir", migrations, "--backup-dir", backups, "--no-auto-rollback");

        Assert.True(outcome.Exit == 1, $"exit {outcome.Exit}: {outcome.Stderr}{outcome.Stdout}");
        Assert.DoesNotContain("rolled back", outcome.Stdout + outcome.Stderr, StringComparison.Ordinal);
        var tag = (await ChangelogAsync())["backupTag"].AsString;
        Assert.Contains($"ferry backup restore --tag {tag} --out {backups} --db app --drop --ns-exclude 'app._ferry_*' --uri <the same URI>", outcome.Text, StringComparison.Ordinal);
        await using (var halfDone = await OpenAsync())
        {
            Assert.Equal(5, await halfDone.GetDatabase("app").GetCollection("items").CountAsync(new BsonDocument("touched", true)));
        }

        // The command the failure names puts the documents back as they were, keeping the record of the failure.
        var (restored, restoreOutput) = await CliHarness.RunAsync("backup", "restore", "--tag", tag, "--out", backups, "--db", "app", "--drop", "--ns-exclude", "app._ferry_*", "--uri", _cli.StoreUri);
        Assert.True(restored == 0, restoreOutput);
        await using var store = await OpenAsync();
        Assert.Equal(original, await AllAsync(store.GetDatabase("app").GetCollection("items")));
        Assert.Equal(ChangelogEntry.Failed, (await ChangelogAsync())["outcome"].AsString);
    }

    [Fact]
    public async Task A_migration_awaiting_a_promise_that_never_settles_fails_at_the_timeout_and_is_rolled_back()
    {
        var original = await SeedAsync();
        var migrations = WriteMigration("001_hang.js", "module.exports = {\n  async up(db) {\n    await db.items.updateMany({}, { $set: { touched: true } });\n    await new Promise(() => {});\n  },\n  async down(db) {},\n};\n");

        var outcome = await FerryProcess.RunAsync(Limit, "migrate", "up", "--uri", _cli.StoreUri, "--db", "app", "--dir", migrations, "--backup-dir", _cli.PathOf("backups"), "--timeout", "3");

        Assert.True(outcome.Exit == 1, $"exit {outcome.Exit}: {outcome.Stderr}{outcome.Stdout}");
        Assert.Contains("001_hang.js: TimeLimitExceeded: the script ran longer than its time limit of 00:00:03", outcome.Text, StringComparison.Ordinal);
        Assert.Matches("app: rolled back to backup pre-migration-app-[^ ]+, verified", outcome.Text);

        // The step itself stopped at the timeout (the backup before it and the rollback after it take their own time).
        var (exit, json) = await CliHarness.RunAsync("migrate", "history", "--uri", _cli.StoreUri, "--db", "app", "--dir", migrations, "--json");
        Assert.True(exit == 0, json);
        var up = BsonDocument.Parse(json)["databases"][0]["events"].AsBsonArray.Single(e => e["action"] == "up").AsBsonDocument;
        Assert.InRange(up["durationMs"].ToInt64(), 3000, 6000);

        await using var store = await OpenAsync();
        Assert.Equal(ChangelogEntry.Failed, (await ChangelogAsync())["outcome"].AsString);
        Assert.Equal(0, await store.GetDatabase("app").GetCollection(Ferry.Core.Runs.DatabaseRunLock.CollectionName).CountAsync());
        Assert.Equal(original, await AllAsync(store.GetDatabase("app").GetCollection("items")));
    }

    private async Task<BsonDocument> ChangelogAsync()
    {
        await using var store = await OpenAsync();
        return await store.GetDatabase("app").GetCollection(MigrationChangelog.CollectionName).FindAsync(null).SingleAsync();
    }

    private async Task<List<BsonDocument>> SeedAsync()
    {
        var (exit, output) = await CliHarness.RunAsync("eval", "--uri", _cli.StoreUri, "--db", "app", "--eval", "for (let i = 0; i < 10; i++) db.items.insertOne({ _id: i, n: i, name: 'item ' + i }); 1");
        Assert.True(exit == 0, output);
        await using var store = await OpenAsync();
        return await AllAsync(store.GetDatabase("app").GetCollection("items"));
    }

    private string WriteMigration(string fileName, string text)
    {
        var folder = _cli.PathOf("migrations");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, fileName), text);
        return folder;
    }

    private Task<IDocumentStore> OpenAsync() => new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(_cli.StoreUri);

    private static async Task<List<BsonDocument>> AllAsync(IDocumentCollection collection) =>
        await collection.FindAsync(null, new FindOptions { Sort = new BsonDocument("_id", 1) }).ToListAsync();
}
