using System.Text.RegularExpressions;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// Issue #21 item 3: every row of the bad-input catalogue in docs/errors.md, read from the doc (so the doc and the
/// test cannot drift), run against <c>ferry</c>: its exit code, exactly one line on standard error with the documented
/// message, nothing on standard output, no stack trace, and the store and the folder unchanged.
/// </summary>
public sealed partial class BadInputCatalogueTests
{
    /// <summary>The catalogue's rows: number, arguments, message, exit code.</summary>
    public static TheoryData<int, string, string, int> Rows()
    {
        var data = new TheoryData<int, string, string, int>();
        var doc = File.ReadAllText(DocPath());
        var section = doc[doc.IndexOf("## Catalogue of bad input", StringComparison.Ordinal)..];
        foreach (Match row in Row().Matches(section))
        {
            data.Add(int.Parse(row.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), row.Groups["args"].Value, row.Groups["message"].Value, row.Groups["exit"].Value[0] - '0');
        }

        return data;
    }

    [Fact]
    public void The_catalogue_lists_at_least_40_kinds_of_bad_input()
    {
        var rows = Rows();
        Assert.True(rows.Count >= 40, $"{rows.Count} rows");
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => (int)r[0]));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_kind_of_bad_input_is_one_documented_line_and_writes_nothing(int number, string arguments, string message, int exit)
    {
        using var cli = new CliHarness();
        await WriteFixtureAsync(cli);
        string Expand(string text) => text.Replace("STORE", cli.StoreUri, StringComparison.Ordinal).Replace("DIR", cli.Folder, StringComparison.Ordinal);
        var before = await StateAsync(cli);

        // A real child process: what a user sees, with nothing wrapped (standard error is not a terminal).
        var tokens = arguments.Split(' ').Select(Expand).ToList();
        var environment = new Dictionary<string, string>();
        if (tokens[0].StartsWith("FERRY_CONFIG=", StringComparison.Ordinal))
        {
            environment["FERRY_CONFIG"] = tokens[0]["FERRY_CONFIG=".Length..];
            tokens.RemoveAt(0);
        }

        using var process = FerryProcess.Start(tokens, environment, cli.Folder);
        var outcome = await process.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(outcome.Exit == exit, $"row {number}: exit {outcome.Exit}: {outcome.Stderr}");
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
        var line = Assert.Single(outcome.Stderr.TrimEnd().Split('\n'));
        Assert.Equal("error: " + Expand(message), line.TrimEnd());
        Assert.Equal(before, await StateAsync(cli));
    }

    /// <summary>The files and data the catalogue's rows name (described in docs/errors.md).</summary>
    private static async Task WriteFixtureAsync(CliHarness cli)
    {
        var files = new Dictionary<string, string>
        {
            ["valid.yaml"] = "version: 1\ncollections:\n  users:\n    fields:\n      name: { required: true }\n",
            ["unclosed.yaml"] = "version: 1\ncollections:\n  users: { fields: { name: { required: true }\n",
            ["unknown-rule.yaml"] = "version: 1\ncollections:\n  users:\n    fields:\n      name: { requird: true }\n",
            ["transform.yaml"] = "version: 1\ncollections:\n  people:\n    source: users\n    id: keep\n    fields:\n      name: { from: name }\n",
            ["transform-missing.yaml"] = "version: 1\ncollections:\n  people:\n    source: userz\n    id: keep\n    fields:\n      name: { from: name }\n",
            ["transform-unknown.yaml"] = "version: 1\ncollections:\n  people:\n    source: users\n    colour: red\n",
            ["bad-line.json"] = "{\"_id\": 1}\n{\"_id\": \n",
            ["syntax.js"] = "let x = ;\n",
            ["unknown-step.plan.yaml"] = "version: 1\nsteps:\n  - name: first\n    frobnicate: {}\n",
            ["unclosed-ferry.yaml"] = "uri: { file: x\n",
            ["unknown-ferry.yaml"] = "uri: file:x\ncolour: red\n",
            ["badnames/first.js"] = "module.exports = { up: async (db) => {} };\n",
        };
        Directory.CreateDirectory(cli.PathOf("migrations"));
        Directory.CreateDirectory(cli.PathOf("badnames"));
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(cli.PathOf(name), text);
        }

        await cli.SeedAsync("app", "users", [.. Enumerable.Range(1, 3).Select(i => new BsonDocument { { "_id", i }, { "name", ((char)('a' + i - 1)).ToString() } })]);
        Assert.Equal(0, (await CliHarness.RunAsync("backup", "create", "--uri", cli.StoreUri, "--db", "app", "--tag", "t1", "--out", cli.PathOf("backups"))).Exit);
    }

    /// <summary>Every file under the folder (SQLite's transient companions aside) and every collection with its count.</summary>
    private static async Task<string> StateAsync(CliHarness cli)
    {
        var lines = Directory.EnumerateFiles(cli.Folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal) && !f.EndsWith("-journal", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(cli.Folder, f))
            .Order(StringComparer.Ordinal)
            .ToList();
        await using var store = await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(cli.StoreUri);
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

    private static string DocPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "docs", "errors.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/errors.md not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\| (?<n>\d+) \| `(?<args>[^`]+)` \| `(?<message>[^`]+)` \| (?<exit>\d) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
