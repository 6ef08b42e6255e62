using Ferry.Core.Storage;
using Ferry.Core.Time;
using Ferry.Demo.Generation;
using Ferry.Demo.Workflow;
using Ferry.Store.Embedded;

namespace Ferry.Core.Tests.Support;

/// <summary>
/// The Infra Mind demo data set seeded into a real embedded store (SQLite files in a temp folder) with a fixed
/// clock, so every planted count is exact. Disposing deletes the folder.
/// </summary>
public sealed class SeededDemo : IAsyncDisposable
{
    public static readonly DateTimeOffset Clock = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private SeededDemo(string folder, IDocumentStore store, GenerationSummary summary)
    {
        Folder = folder;
        Store = store;
        Summary = summary;
    }

    public string Folder { get; }

    public IDocumentStore Store { get; }

    public GenerationSummary Summary { get; }

    public PlantedDefects Planted => Summary.Defects;

    public string Uri => "file:" + Path.Combine(Folder, "ferry-demo", "data");

    public IDocumentDatabase Demo => Store.GetDatabase(DemoOptions.DefaultDatabase);

    public static TimeProvider Time => new FixedTimeProvider(Clock);

    public static async Task<SeededDemo> CreateAsync(long size = 400, int seed = 42)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var registry = new StoreRegistry([new EmbeddedStoreProvider()]);
        var result = await new DemoWorkflow(registry, DemoWorkflow.SeedSteps).RunAsync(new DemoOptions
        {
            Directory = Path.Combine(folder, "ferry-demo"),
            Size = size,
            Seed = seed,
            Clock = Time,
        });
        var store = await registry.OpenAsync(result.StoreUri);
        return new SeededDemo(folder, store, result.Summary);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner; the test's outcome does not depend on it.
        }
    }

    public static string SampleFile(string name) => RepositoryFile("samples", "inframind", name);

    /// <summary>A file of this repository, found by walking up from the test binaries.</summary>
    public static string RepositoryFile(params string[] parts)
    {
        var relative = Path.Combine(parts);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, relative)))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException(relative + " not found above " + AppContext.BaseDirectory), relative);
    }
}
