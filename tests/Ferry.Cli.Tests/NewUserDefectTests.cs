using Ferry.Cli.Infrastructure;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// Issue #21 item 7: the defects a new user met. Each bad input is one line naming the option or path (exit 2), an
/// environment problem names the file (a full disk: exit 1, the free space, how to go on), and nothing is written.
/// </summary>
public sealed class NewUserDefectTests : IDisposable
{
    private const string Rules = "version: 1\ncollections:\n  people:\n    source: users\n    id: keep\n    fields:\n      name: { from: name }\n";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task SeedAsync(int count = 3) =>
        await _cli.SeedAsync("app", "users", [.. Enumerable.Range(1, count).Select(i => new BsonDocument { { "_id", i }, { "name", $"user {i} " + new string('x', 200) } })]);

    /// <summary>Every database of the harness store with its collections and counts: what "nothing written" compares.</summary>
    private async Task<string> StoreStateAsync()
    {
        if (!Directory.Exists(_cli.PathOf("store")))
        {
            return "(no store)";
        }

        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(_cli.StoreUri);
        var lines = new List<string>();
        foreach (var name in await store.ListDatabaseNamesAsync())
        {
            var database = store.GetDatabase(name);
            foreach (var collection in (await database.ListCollectionsAsync()).Select(c => c.Name).Order(StringComparer.Ordinal))
            {
                lines.Add($"{name}.{collection}: {await database.GetCollection(collection).CountAsync()}");
            }
        }

        return string.Join('\n', lines);
    }

    private static void AssertOneLine(int expectedExit, string expectedLine, (int Exit, string Stdout, string Stderr) outcome)
    {
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.Equal("error: " + expectedLine, outcome.Stderr.Trim());
        Assert.Equal(expectedExit, outcome.Exit);
    }

    [Fact]
    public async Task A_transform_from_a_source_database_that_does_not_exist_is_bad_input_and_creates_no_target()
    {
        await SeedAsync();
        var rules = _cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, Rules);
        var before = await StoreStateAsync();

        var outcome = await CliHarness.RunSplitAsync("transform", "--rules", rules, "--source-uri", _cli.StoreUri, "--source-db", "nosuchdb", "--target-db", "prod");

        AssertOneLine(2, $"--source-db nosuchdb: no such database (or it holds no collection) on {_cli.StoreUri}", outcome);
        Assert.Equal(before, await StoreStateAsync());
        Assert.False(File.Exists(Path.Combine(_cli.PathOf("store"), "prod.ferrydb")));
    }

    [Fact]
    public async Task A_transform_whose_rules_name_a_missing_source_collection_is_bad_input_naming_the_rule()
    {
        await SeedAsync();
        var rules = _cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, Rules.Replace("source: users", "source: userz", StringComparison.Ordinal));
        var before = await StoreStateAsync();

        var outcome = await CliHarness.RunSplitAsync("transform", "--rules", rules, "--source-uri", _cli.StoreUri, "--source-db", "app", "--target-db", "prod");

        AssertOneLine(2, $"{rules}:3:3: source collection userz does not exist in app on {_cli.StoreUri}", outcome);
        Assert.Equal(before, await StoreStateAsync());
    }

    [Fact]
    public async Task A_number_with_fractions_given_text_names_the_option()
    {
        var outcome = await CliHarness.RunSplitAsync("monitor", "--uri", _cli.StoreUri, "--db", "app", "--interval", "abc");

        AssertOneLine(2, "--interval abc: expected a number (SECONDS)", outcome);
        Assert.Equal("(no store)", await StoreStateAsync());
    }

    [Fact]
    public async Task A_folder_where_a_file_is_expected_is_named_as_bad_input()
    {
        await SeedAsync();
        var folder = _cli.PathOf("folder");
        Directory.CreateDirectory(folder);
        var before = await StoreStateAsync();

        AssertOneLine(2, $"--out {folder}: is a folder, expected the file to write (e.g. {Path.Combine(folder, "users.json")})",
            await CliHarness.RunSplitAsync("export", "--uri", _cli.StoreUri, "--db", "app", "--collection", "users", "--out", folder));
        AssertOneLine(2, $"--file {folder}: is a folder, expected a file of JSON lines",
            await CliHarness.RunSplitAsync("import", "--uri", _cli.StoreUri, "--db", "app", "--collection", "c", "--file", folder));
        AssertOneLine(2, $"{folder}: is a folder, expected a YAML file",
            await CliHarness.RunSplitAsync("transform", "--rules", folder, "--source-uri", _cli.StoreUri, "--source-db", "app", "--target-db", "prod"));
        AssertOneLine(2, $"{folder}: is a folder, expected a YAML file",
            await CliHarness.RunSplitAsync("validate", "--uri", _cli.StoreUri, "--db", "app", "--rules", folder));
        Assert.Equal(before, await StoreStateAsync());
    }

    [Fact]
    public void A_file_system_error_that_reaches_the_top_names_the_path_not_an_unexpected_error()
    {
        var console = new Spectre.Console.Testing.TestConsole();
        console.Profile.Width = 250;
        var denied = ErrorReporter.Report(new UnauthorizedAccessException("Access to the path '/ro/out.json' is denied."), console);
        var readOnly = ErrorReporter.Report(new IOException("Read-only file system : '/ro/out.json'", 30), console);

        Assert.Equal((2, 2), (denied, readOnly));
        Assert.Equal(["error: /ro/out.json: permission denied", "error: /ro/out.json: read-only file system"], console.Output.Trim().Split('\n').Select(l => l.TrimEnd()));
    }

    [Fact]
    public async Task Resuming_a_restore_that_had_finished_says_it_is_complete_and_exits_0()
    {
        await SeedAsync();
        var backups = _cli.PathOf("backups");
        string[] restore = ["backup", "restore", "--uri", _cli.StoreUri, "--tag", "t1", "--to-db", "copy", "--out", backups];
        Assert.Equal(0, (await CliHarness.RunAsync("backup", "create", "--uri", _cli.StoreUri, "--db", "app", "--tag", "t1", "--out", backups)).Exit);
        Assert.Equal(0, (await CliHarness.RunAsync(restore)).Exit);
        var before = await StoreStateAsync();

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync([.. restore, "--resume"]);

        Assert.Equal(0, exit);
        Assert.Contains("restore already complete (run restore-", stdout, StringComparison.Ordinal);
        Assert.Contains("warning: already complete: restore run restore-", stderr, StringComparison.Ordinal);
        Assert.Equal(before, await StoreStateAsync());
    }

    [Fact]
    public async Task A_write_past_a_file_size_limit_names_the_file_the_free_space_and_how_to_go_on()
    {
        await SeedAsync(2000); // about 450 KiB of documents
        var export = _cli.PathOf("users.json");
        Assert.Equal(0, (await CliHarness.RunAsync("export", "--uri", _cli.StoreUri, "--db", "app", "--collection", "users", "--out", export)).Exit);
        var before = await StoreStateAsync();

        var exported = await LimitedAsync("export", "--uri", _cli.StoreUri, "--db", "app", "--collection", "users", "--out", _cli.PathOf("again.json"));
        var imported = await LimitedAsync("import", "--uri", "file:" + _cli.PathOf("small"), "--db", "app", "--collection", "users", "--file", export);
        Assert.Equal(before, await StoreStateAsync());
        var backedUp = await LimitedAsync("backup", "create", "--uri", _cli.StoreUri, "--db", "app", "--tag", "full", "--out", _cli.PathOf("backups"));

        AssertDiskFull(exported, _cli.PathOf("again.json") + ": cannot write: the disk is full or a file-size limit was reached (");
        AssertDiskFull(imported, Path.Combine(_cli.PathOf("small"), "app.ferrydb") + ": cannot write: disk I/O error (a full disk or a file-size limit?) (");
        // Whichever write passes the limit first: a backup file, or the store's own file as the run is journaled.
        AssertDiskFull(backedUp, backedUp.Stderr.Contains("/store/", StringComparison.Ordinal)
            ? Path.Combine(_cli.PathOf("store"), "app.ferrydb") + ": cannot write: disk I/O error (a full disk or a file-size limit?) ("
            : Path.Combine(_cli.PathOf("backups"), "full") + ": cannot write: the disk is full or a file-size limit was reached; the partial backup was removed (");
        Assert.False(File.Exists(_cli.PathOf("again.json")));
        Assert.False(File.Exists(_cli.PathOf("again.json.partial")));
        var listed = await CliHarness.RunAsync("backup", "list", "--out", _cli.PathOf("backups"), "--json");
        Assert.DoesNotContain("\"full\"", listed.Output, StringComparison.Ordinal);
    }

    private async Task<FerryProcess.Outcome> LimitedAsync(params string[] args)
    {
        using var process = FerryProcess.Start(args, folder: _cli.Folder, fileSizeLimitKiB: 128);
        return await process.WaitAsync(TimeSpan.FromMinutes(2));
    }

    private static void AssertDiskFull(FerryProcess.Outcome outcome, string start)
    {
        Assert.True(outcome.Exit == 1, $"exit {outcome.Exit}: {outcome.Stderr}");
        Assert.Equal(string.Empty, outcome.Stdout);
        var line = Assert.Single(outcome.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: " + start, line, StringComparison.Ordinal);
        Assert.Matches(@" free on /.*\); free space, then run the same command again \(a journaled run resumes with --resume RUN, see ferry runs list; nothing half-written is reported as done\)$", line);
    }
}
