using Ferry.Cli.Infrastructure;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Demo.Workflow;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Plans;

/// <summary>
/// A temp folder with seeded Infra Mind demo data (a small size, so a plan runs in seconds), the sample rules with a
/// low bcrypt cost, and helpers to write plans, take byte-exact exports and read plan runs.
/// </summary>
internal sealed class PlanFixture : IDisposable
{
    public const string DemoDb = "inframind_demo";

    private readonly CliHarness _cli = new();

    public string Folder => _cli.Folder;

    public string Uri => "file:" + _cli.PathOf("data");

    public string PathOf(string name) => _cli.PathOf(name);

    public static async Task<PlanFixture> SeedAsync(int size = 40)
    {
        var fixture = new PlanFixture();
        var options = new DemoOptions { Directory = fixture.PathOf("demo"), Size = size };
        await new DemoWorkflow(new StoreRegistry(StoreProviders.All()), DemoWorkflow.SeedSteps).RunAsync(options);
        Directory.Move(options.DataDirectory, fixture.PathOf("data"));
        foreach (var file in new[] { "demo-to-prod.yaml", "validation.yaml", "validation-prod.yaml", "demo-to-prod.plan.yaml", "schema-upgrade.plan.yaml" })
        {
            File.Copy(Path.Combine(SamplesFolder, file), fixture.PathOf(file));
        }

        CopyFolder(Path.Combine(SamplesFolder, "migrations"), fixture.PathOf("migrations"));
        var rules = fixture.PathOf("demo-to-prod.yaml");
        await File.WriteAllTextAsync(rules, (await File.ReadAllTextAsync(rules)).Replace("cost: 10", "cost: 4", StringComparison.Ordinal));
        return fixture;
    }

    public static string SamplesFolder
    {
        get
        {
            var folder = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(folder, "Ferry.slnx")))
            {
                folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("the repository root (Ferry.slnx) is not above the test binaries");
            }

            return Path.Combine(folder, "samples", "inframind");
        }
    }

    public string WritePlan(string name, string yaml)
    {
        var path = PathOf(name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public async Task<IDocumentStore> OpenAsync() => await new StoreRegistry(StoreProviders.All()).OpenAsync(Uri);

    /// <summary>Every collection of the database (Ferry's too unless <paramref name="userOnly"/>) as its documents' exact BSON bytes, in store order.</summary>
    public async Task<SortedDictionary<string, string>> ExportAsync(string database, bool userOnly = true)
    {
        await using var store = await OpenAsync();
        var db = store.GetDatabase(database);
        var export = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in await db.ListCollectionsAsync())
        {
            if (userOnly && info.Name.StartsWith("_ferry_", StringComparison.Ordinal))
            {
                continue;
            }

            var text = new System.Text.StringBuilder();
            await foreach (var raw in db.GetCollection(info.Name).ScanAsync())
            {
                using (raw)
                {
                    var bytes = new byte[raw.Slice.Length];
                    raw.Slice.GetBytes(0, bytes, 0, bytes.Length);
                    text.Append(Convert.ToHexString(bytes)).Append('\n');
                }
            }

            export[info.Name] = text.ToString();
        }

        return export;
    }

    public async Task<BsonDocument> RunAsync(string database, string runId)
    {
        await using var store = await OpenAsync();
        return (await new RunJournal(store.GetDatabase(database)).GetAsync(runId))!;
    }

    public async Task<List<BsonDocument>> RunsAsync(string database, string kind)
    {
        await using var store = await OpenAsync();
        var runs = new List<BsonDocument>();
        await foreach (var run in new RunJournal(store.GetDatabase(database)).ListAsync())
        {
            if (run["kind"].AsString == kind)
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    public void Dispose() => _cli.Dispose();

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
