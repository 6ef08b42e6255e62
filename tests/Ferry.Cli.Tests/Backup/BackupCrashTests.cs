using System.Diagnostics;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using MongoDB.Bson;
using Spectre.Console.Testing;

namespace Ferry.Cli.Tests.Backup;

/// <summary>
/// Real processes killed half-way: a killed <c>backup create</c> never shows up as a backup, and a killed
/// <c>backup restore</c> finishes with <c>--resume</c> to exactly the backed-up documents.
/// </summary>
public sealed class BackupCrashTests : IDisposable
{
    private const int Documents = 60_000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ferry-cli-crash-tests", Guid.NewGuid().ToString("N"));

    public BackupCrashTests() => Directory.CreateDirectory(_root);

    private string Backups => Path.Combine(_root, "backups");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_killed_restore_resumes_to_the_same_documents_and_a_killed_backup_is_never_listed()
    {
        var source = Path.Combine(_root, "source");
        await SeedAsync(source);
        var create = new TestConsole();
        Assert.Equal(0, await FerryApp.Create(create).RunAsync(["backup", "create", "--uri", $"file:{source}", "--tag", "full", "--out", Backups, "--json"]));
        Assert.Equal(Documents, BsonDocument.Parse(create.Output)["documents"].ToInt64());

        // Kill a restore once its first batches are committed.
        var target = Path.Combine(_root, "target");
        var stateFolder = Path.Combine(Backups, ".restore-state");
        await RunAndKillWhenAsync(["backup", "restore", "--uri", $"file:{target}", "--tag", "full", "--out", Backups, "--parallel", "1"], () =>
            Directory.Exists(stateFolder) && Directory.EnumerateFiles(stateFolder, "*.json").Any(f => ReadCommitted(f) >= 3000));

        Assert.Equal(2, await RunInProcessAsync("backup", "restore", "--uri", $"file:{target}", "--tag", "full", "--out", Backups));
        Assert.Equal(0, await RunInProcessAsync("backup", "restore", "--uri", $"file:{target}", "--tag", "full", "--out", Backups, "--resume", "--wait", "120"));
        Assert.Equal(await ReadAllAsync(source), await ReadAllAsync(target));

        // Kill a backup while it writes: only the complete backup is listed.
        await RunAndKillWhenAsync(["backup", "create", "--uri", $"file:{source}", "--tag", "killed", "--out", Backups, "--gzip"], () =>
            Directory.EnumerateDirectories(Backups, ".tmp-killed-*").Any(d => Directory.EnumerateFiles(d, "*.bson.gz", SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > 0)));
        var console = new TestConsole();
        Assert.Equal(0, await FerryApp.Create(console).RunAsync(["backup", "list", "--out", Backups, "--json"]));
        Assert.Equal(["full"], BsonDocument.Parse(console.Output)["backups"].AsBsonArray.Select(b => b["tag"].AsString));
    }

    private static async Task SeedAsync(string folder)
    {
        await using var store = new EmbeddedStore(folder, "file:source");
        var collection = store.GetDatabase("app").GetCollection("events");
        for (var start = 0; start < Documents; start += 2000)
        {
            var batch = Enumerable.Range(start, 2000).Select(i => (WriteRequest)new InsertRequest(new BsonDocument
            {
                { "_id", i },
                { "kind", $"kind-{i % 17}" },
                { "payload", new string((char)('a' + (i % 26)), 400) },
            })).ToList();
            await collection.BulkWriteAsync(batch);
        }
    }

    private static async Task<List<string>> ReadAllAsync(string folder)
    {
        await using var store = new EmbeddedStore(folder, "file:x");
        var all = new List<string>();
        await foreach (var document in store.GetDatabase("app").GetCollection("events").ScanAsync())
        {
            all.Add(Convert.ToHexString(document.ToBson()));
        }

        return all;
    }

    private static long ReadCommitted(string stateFile)
    {
        try
        {
            var state = BsonDocument.Parse(File.ReadAllText(stateFile));
            return state["namespaces"].AsBsonDocument.Values.Sum(v => v["committed"].ToInt64());
        }
        catch (Exception e) when (e is IOException or FormatException or KeyNotFoundException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static async Task RunAndKillWhenAsync(string[] args, Func<bool> condition)
    {
        var ferry = Path.Combine(AppContext.BaseDirectory, "ferry.dll");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[Core.Runs.RunLockOptions.LeaseVariable] = "2"; // the killed run's lock is stale 2 s after its last heartbeat
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ferry);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited)
            {
                Assert.Fail($"ferry {string.Join(' ', args)} finished (exit {process.ExitCode}) before it could be killed: {await process.StandardError.ReadToEndAsync()}");
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the condition to kill never held");
            Thread.Sleep(5); // a blocking poll: awaited delays can resume far too late under xunit's scheduler
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static async Task<int> RunInProcessAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        return await FerryApp.Create(console).RunAsync(args);
    }
}
