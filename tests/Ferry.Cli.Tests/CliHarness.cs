using System.Diagnostics;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console.Testing;

namespace Ferry.Cli.Tests;

/// <summary>Runs <c>ferry</c> in-process on a test console, in a temp folder that is removed afterwards.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ferry-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string StoreUri => "file:" + PathOf("store");

    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        var exit = await FerryApp.Create(console).RunAsync(args);
        return (exit, console.Output);
    }

    /// <summary>Runs <c>ferry</c> in-process with results and errors on separate test consoles (stdout, stderr).</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunSplitAsync(params string[] args)
    {
        var stdout = new TestConsole();
        var stderr = new TestConsole();
        stdout.Profile.Width = stderr.Profile.Width = 250;
        var exit = await FerryApp.Create(stdout, stderr).RunAsync(args);
        return (exit, stdout.Output, stderr.Output);
    }

    /// <summary>Runs <c>ferry</c> as a child process with both streams redirected (as in a log or a pipe).</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunProcessAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = FerryProcess.Start(args, environment);
        var (exit, stdout, stderr) = await process.WaitAsync(TimeSpan.FromMinutes(2));
        return (exit, stdout, stderr);
    }

    /// <summary>Inserts <paramref name="documents"/> into the harness store (the data a command then reads).</summary>
    public async Task SeedAsync(string database, string collection, params BsonDocument[] documents)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(StoreUri);
        await store.GetDatabase(database).GetCollection(collection).BulkWriteAsync([.. documents.Select(d => new InsertRequest(d))]);
    }

    public async Task<long> CountAsync(string database, string collection)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(StoreUri);
        return await store.GetDatabase(database).GetCollection(collection).CountAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may keep a file briefly; the temp folder is cleaned eventually.
        }
    }
}
