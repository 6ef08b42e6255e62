using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Indexes;

/// <summary>
/// <c>ferry indexes optimize</c>: rebuilds and compacts where the store supports it. A database that maintains itself
/// as a whole (<see cref="IStoreMaintenance"/>, the embedded store: REINDEX, ANALYZE, VACUUM) does so; otherwise each
/// collection gets MongoDB's <c>compact</c>, whose <c>bytesFreed</c> is summed.
/// </summary>
public sealed class IndexOptimizer(IDocumentDatabase database)
{
    public async Task<OptimizeResult> OptimizeAsync(IReadOnlyList<string>? collections, CancellationToken cancellationToken = default)
    {
        if (database is IStoreMaintenance maintenance)
        {
            var done = await maintenance.OptimizeAsync(cancellationToken).ConfigureAwait(false);
            return new OptimizeResult(done.Steps, done.BytesBefore, done.BytesAfter, done.BytesReclaimed, WholeDatabase: true);
        }

        var before = (await database.GetStatsAsync(cancellationToken).ConfigureAwait(false)).StorageSize;
        var freed = 0L;
        var names = await new IndexCatalog(database).CollectionsAsync(collections, cancellationToken).ConfigureAwait(false);
        foreach (var name in names)
        {
            var reply = await database.RunCommandAsync(new BsonDocument("compact", name), cancellationToken).ConfigureAwait(false);
            freed += reply.TryGetValue("bytesFreed", out var bytes) && bytes.IsNumeric ? bytes.ToInt64() : 0;
        }

        var after = (await database.GetStatsAsync(cancellationToken).ConfigureAwait(false)).StorageSize;
        return new OptimizeResult(names.Select(n => "compact " + n).ToList(), before, after, freed, WholeDatabase: false);
    }
}

/// <summary>What <c>ferry indexes optimize</c> did: steps, storage bytes before/after and reclaimed.</summary>
public sealed record OptimizeResult(IReadOnlyList<string> Steps, long BytesBefore, long BytesAfter, long BytesReclaimed, bool WholeDatabase)
{
    public BsonDocument ToBson() => new()
    {
        { "steps", new BsonArray(Steps) },
        { "whole_database", WholeDatabase },
        { "bytes_before", BytesBefore },
        { "bytes_after", BytesAfter },
        { "bytes_reclaimed", BytesReclaimed },
    };
}
