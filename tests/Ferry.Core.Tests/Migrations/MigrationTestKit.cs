using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Migrations;

/// <summary>A real embedded store in a temp folder, and migrations made of delegates, for runner tests.</summary>
internal sealed class MigrationTestKit : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-migration-tests", Guid.NewGuid().ToString("N"));

    public MigrationTestKit()
    {
        Store = OpenAnother();
    }

    /// <summary>A second, independent store on the same folder: what another process would open.</summary>
    public IDocumentStore OpenAnother() => new EmbeddedStoreProvider().OpenAsync("file:" + _folder).GetAwaiter().GetResult();

    public IDocumentStore Store { get; }

    public IDocumentDatabase Db => Store.GetDatabase("app");

    public List<string> Log { get; } = [];

    public MigrationEnvironment Environment { get; } = new() { User = "tester", Host = "testhost" };

    /// <summary>A migration whose up sets <c>{ _id: version }</c> in collection <c>marks</c> and whose down deletes it.</summary>
    public Migration Marking(string version, string? checksum = "c", bool hasDown = true, bool failUp = false, bool failDown = false) =>
        new(MigrationVersion.Parse(version), "migration " + version, version + "_m.js", checksum, hasDown, new Body(async (direction, db, ct) =>
        {
            lock (Log)
            {
                Log.Add($"{direction} {version}");
            }

            if ((failUp && direction == MigrationDirection.Up) || (failDown && direction == MigrationDirection.Down))
            {
                throw new InvalidOperationException("boom in " + version);
            }

            var marks = db.GetCollection("marks");
            WriteRequest request = direction == MigrationDirection.Up
                ? new InsertRequest(new BsonDocument("_id", version))
                : new DeleteRequest(new BsonDocument("_id", version));
            await marks.BulkWriteAsync([request], cancellationToken: ct);
        }));

    /// <summary>A migration whose up part is <paramref name="up"/> (its down part does nothing).</summary>
    public static Migration Custom(string version, Func<IDocumentDatabase, Task> up) =>
        new(MigrationVersion.Parse(version), "migration " + version, version + "_c.js", "c", true, new Body((direction, db, _) => direction == MigrationDirection.Up ? up(db) : Task.CompletedTask));

    public MigrationRunner Runner(params Migration[] migrations) => new(new ListSource(migrations), Environment);

    public async Task<List<string>> MarksAsync()
    {
        var ids = new List<string>();
        await foreach (var d in Db.GetCollection("marks").FindAsync(null))
        {
            ids.Add(d["_id"].AsString);
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private sealed class ListSource(IReadOnlyList<Migration> migrations) : IMigrationSource
    {
        public IReadOnlyList<Migration> Load() => new CompositeMigrationSource([new Fixed(migrations)]).Load();

        private sealed class Fixed(IReadOnlyList<Migration> list) : IMigrationSource
        {
            public IReadOnlyList<Migration> Load() => list;
        }
    }

    private sealed class Body(Func<MigrationDirection, IDocumentDatabase, CancellationToken, Task> run) : IMigrationBody
    {
        public Task RunAsync(MigrationDirection direction, IDocumentDatabase database, CancellationToken cancellationToken = default) =>
            run(direction, database, cancellationToken);
    }
}
