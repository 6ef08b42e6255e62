using System.Text;
using System.Text.RegularExpressions;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// Issue #21 item 6: a password holding <c>@ : / ? # %40</c> is given to every verb through --uri (or --source-uri /
/// --target-uri), FERRY_URI and ferry.yaml — a MongoDB URI that fails to connect within 200 ms — and through a URL
/// a run that succeeds records (--metrics-push); then every output stream (plain and --json), every file the runs
/// left (reports, backups and their manifests, the journal and other documents in the embedded store's files) is
/// searched for the password, raw and URI-encoded, and for its fragments: zero hits.
/// </summary>
public sealed class SecretsAuditTests : IDisposable
{
    private const string Password = "Pw@1:/?#%40Z";
    private static readonly string Encoded = Uri.EscapeDataString(Password); // Pw%401%3A%2F%3F%23%2540Z
    private static readonly string MongoUri = $"mongodb://ferry:{Encoded}@127.0.0.1:1/app?serverSelectionTimeoutMS=200&connectTimeoutMS=200";

    /// <summary>The password whole, encoded, and the pieces a redactor cutting at the wrong '@', ':' or '%' would leave.</summary>
    private static readonly string[] Needles = [Password, Encoded, "Pw@1", "Pw%401", "/?#%40Z", "%2540Z", "%3A%2F%3F%23"];

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Every verb that opens a store, "URI" standing where the store's URI option and value go.</summary>
    private static readonly string[][] Verbs =
    [
        ["export", "URI", "--db", "app", "--collection", "users"],
        ["import", "URI", "--db", "app", "--collection", "c", "--file", "DIR/users.json"],
        ["validate", "URI", "--db", "app", "--rules", "DIR/valid.yaml"],
        ["transform", "SOURCE", "--source-db", "app", "--target-db", "prod", "--rules", "DIR/transform.yaml"],
        ["doctor", "integrity", "URI", "--db", "app", "--rules", "DIR/valid.yaml"],
        ["doctor", "restore-quarantine", "URI", "--db", "app", "--run", "r1"],
        ["demo", "identify", "URI", "--db", "app", "--rules", "DIR/transform.yaml"],
        ["backup", "create", "URI", "--db", "app", "--out", "DIR/backups", "--tag", "audit"],
        ["backup", "restore", "URI", "--tag", "t1", "--out", "DIR/backups", "--to-db", "copy"],
        ["migrate", "status", "URI", "--db", "app", "--dir", "DIR/migrations"],
        ["migrate", "pending", "URI", "--db", "app", "--dir", "DIR/migrations"],
        ["migrate", "up", "URI", "--db", "app", "--dir", "DIR/migrations"],
        ["migrate", "down", "URI", "--db", "app", "--dir", "DIR/migrations"],
        ["migrate", "history", "URI", "--db", "app"],
        ["migrate", "baseline", "URI", "--db", "app", "--dir", "DIR/migrations"],
        ["runs", "list", "URI", "--db", "app"],
        ["runs", "show", "r1", "URI", "--db", "app"],
        ["runs", "stop", "r1", "URI", "--db", "app"],
        ["emergency", "stop", "URI", "--db", "app", "--out", "DIR/backups"],
        ["emergency", "recover", "URI", "--db", "app", "--out", "DIR/backups"],
        ["indexes", "list", "URI", "--db", "app"],
        ["indexes", "usage", "URI", "--db", "app"],
        ["indexes", "unused", "URI", "--db", "app"],
        ["cleanup", "URI", "--db", "app", "--dry-run"],
        ["troubleshoot", "memory", "URI", "--db", "app"],
        ["troubleshoot", "performance", "URI", "--db", "app"],
        ["troubleshoot", "integrity", "URI", "--db", "app", "--rules", "DIR/valid.yaml"],
        ["monitor", "URI", "--db", "app"],
        ["eval", "URI", "--db", "app", "--eval", "1"],
        ["report", "--last", "URI", "--db", "app"],
        ["run", "DIR/plan.yaml", "URI", "--db", "app"],
        ["rollback", "r1", "URI", "--db", "app"],
        ["analyze", "URI", "--db", "app"],
        ["plan", "--type", "demo-to-prod", "URI", "--db", "app"],
        ["health", "URI", "--db", "app"],
    ];

    [Fact]
    public async Task A_password_given_to_every_verb_three_ways_never_appears_in_any_output_or_file()
    {
        await WriteFixtureAsync();
        var leaks = new List<string>();
        void Check(string where, string text)
        {
            var flat = Regex.Replace(text, @"\s", string.Empty); // a console that wraps could split the password
            leaks.AddRange(Needles.Where(n => flat.Contains(n, StringComparison.Ordinal)).Select(n => $"{where}: '{n}'"));
        }

        // --uri (in-process, plain and --json), FERRY_URI and ferry.yaml (child processes), for every verb.
        var children = new List<(string Where, Task<FerryProcess.Outcome> Outcome)>();
        var yamlFolder = _cli.PathOf("with-config");
        Directory.CreateDirectory(yamlFolder);
        await File.WriteAllTextAsync(Path.Combine(yamlFolder, "ferry.yaml"), $"uri: \"{MongoUri}\"\n");
        using var gate = new SemaphoreSlim(4);
        foreach (var verb in Verbs)
        {
            var name = string.Join(' ', verb.TakeWhile(a => a is not ("URI" or "SOURCE") && !a.StartsWith('-')));
            foreach (var json in new[] { false, true })
            {
                string[] format = json ? ["--json"] : [];
                var (exit, stdout, stderr) = await CliHarness.RunSplitAsync([.. Expand(verb, MongoUri), .. format]);
                Check($"{name} --uri{(json ? " --json" : "")} (exit {exit})", stdout + stderr);
            }

            children.Add(($"{name} with FERRY_URI", RunChildAsync(gate, Expand(verb, null), new Dictionary<string, string> { ["FERRY_URI"] = MongoUri }, _cli.Folder)));
            children.Add(($"{name} with ferry.yaml", RunChildAsync(gate, Expand(verb, null), null, yamlFolder)));
        }

        foreach (var (where, outcome) in children)
        {
            var result = await outcome;
            Check($"{where} (exit {result.Exit})", result.Stdout + result.Stderr);
        }

        // A run that succeeds on the embedded store with a URL holding the password: journal, report, logs, backups.
        var push = $"http://ferry:{Encoded}@127.0.0.1:1/metrics";
        var (transformExit, transformOut, transformErr) = await CliHarness.RunSplitAsync("transform", "--rules", _cli.PathOf("transform.yaml"), "--source-uri", _cli.StoreUri, "--source-db", "app", "--target-db", "pushed", "--metrics-push", push, "--report", _cli.PathOf("reports"), "--json");
        Assert.Equal(0, transformExit);
        Check("transform --metrics-push", transformOut + transformErr);
        Assert.Equal(0, (await CliHarness.RunAsync("backup", "create", "--uri", _cli.StoreUri, "--db", "pushed", "--tag", "after", "--out", _cli.PathOf("backups"))).Exit);

        // Every file the runs left (the ferry.yaml the test wrote, holding the URI, aside).
        foreach (var file in Directory.EnumerateFiles(_cli.Folder, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "ferry.yaml"))
        {
            Check(Path.GetRelativePath(_cli.Folder, file), Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)));
        }

        Assert.True(Directory.EnumerateFiles(_cli.PathOf("reports")).Any(), "the transform wrote no report");
        Assert.True(leaks.Count == 0, "password found:\n" + string.Join('\n', leaks.Distinct()));
    }

    private string[] Expand(string[] verb, string? uri) => [.. verb.SelectMany(a => a switch
    {
        "URI" => uri is null ? [] : new[] { "--uri", uri },
        "SOURCE" => uri is null ? [] : new[] { "--source-uri", uri },
        _ => [a.Replace("DIR", _cli.Folder, StringComparison.Ordinal)],
    })];

    private static async Task<FerryProcess.Outcome> RunChildAsync(SemaphoreSlim gate, string[] args, Dictionary<string, string>? environment, string folder)
    {
        await gate.WaitAsync();
        try
        {
            using var process = FerryProcess.Start(args, environment, folder);
            return await process.WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task WriteFixtureAsync()
    {
        Directory.CreateDirectory(_cli.PathOf("migrations"));
        await File.WriteAllTextAsync(_cli.PathOf("valid.yaml"), "version: 1\ncollections:\n  users:\n    fields:\n      name: { required: true }\n");
        await File.WriteAllTextAsync(_cli.PathOf("transform.yaml"), "version: 1\ncollections:\n  people:\n    source: users\n    id: keep\n    fields:\n      name: { from: name }\n");
        await File.WriteAllTextAsync(_cli.PathOf("users.json"), "{\"_id\": 1, \"name\": \"a\"}\n");
        await File.WriteAllTextAsync(_cli.PathOf("plan.yaml"), "version: 1\nsteps:\n  - name: health\n    health: {}\n");
        await _cli.SeedAsync("app", "users", new BsonDocument { { "_id", 1 }, { "name", "a" } }, new BsonDocument { { "_id", 2 }, { "name", "b" } });
        Assert.Equal(0, (await CliHarness.RunAsync("backup", "create", "--uri", _cli.StoreUri, "--db", "app", "--tag", "t1", "--out", _cli.PathOf("backups"))).Exit);
    }
}
