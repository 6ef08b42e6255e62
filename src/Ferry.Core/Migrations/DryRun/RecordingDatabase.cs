using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Migrations.DryRun;

/// <summary>A database of a <see cref="RecordingStore"/>: reads go to the real database, changes are recorded.</summary>
public sealed class RecordingDatabase(RecordingStore store, IDocumentDatabase inner, WriteLog log) : IDocumentDatabase
{
    private static readonly HashSet<string> ReadOnlyCommands =
        ["ping", "hello", "isMaster", "ismaster", "buildInfo", "buildinfo", "listCollections", "listIndexes", "count", "distinct", "dbStats", "collStats", "serverStatus"];

    public string Name => inner.Name;

    public IDocumentStore Store => store;

    public Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default) => inner.ListCollectionsAsync(cancellationToken);

    public Task CreateCollectionAsync(string name, BsonDocument? options = null, CancellationToken cancellationToken = default)
    {
        log.Add(new RecordedWrite(Name + "." + name, "createCollection", null, options, 0));
        return Task.CompletedTask;
    }

    public async Task DropCollectionAsync(string name, CancellationToken cancellationToken = default)
    {
        var count = await inner.GetCollection(name).CountAsync(null, cancellationToken).ConfigureAwait(false);
        log.Add(new RecordedWrite(Name + "." + name, "drop", null, null, count));
    }

    public async Task RenameCollectionAsync(string from, string to, bool dropTarget = false, CancellationToken cancellationToken = default)
    {
        var count = await inner.GetCollection(from).CountAsync(null, cancellationToken).ConfigureAwait(false);
        log.Add(new RecordedWrite(Name + "." + from, "renameCollection", null, new BsonDocument { { "to", Name + "." + to }, { "dropTarget", dropTarget } }, count));
    }

    public IDocumentCollection GetCollection(string name) => new RecordingCollection(this, inner.GetCollection(name), log);

    public Task<DatabaseStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);

    public Task<BsonDocument> RunCommandAsync(BsonDocument command, CancellationToken cancellationToken = default)
    {
        if (command.ElementCount > 0 && ReadOnlyCommands.Contains(command.GetElement(0).Name))
        {
            return inner.RunCommandAsync(command, cancellationToken);
        }

        var target = command.ElementCount > 0 && command[0].IsString ? Name + "." + command[0].AsString : Name;
        log.Add(new RecordedWrite(target, command.ElementCount > 0 ? command.GetElement(0).Name : "command", null, command, 0));
        return Task.FromResult(new BsonDocument("ok", 1));
    }
}
