using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>Demo documents per collection, found by the rules' demo markers.</summary>
public sealed record DemoDataFound(string Collection, BsonDocument Marker, long Count, IReadOnlyList<BsonValue> SampleIds)
{
    /// <summary><c>ferry demo identify --json</c>: what was found in every collection.</summary>
    public static BsonDocument ToBsonDocument(IEnumerable<DemoDataFound> found) =>
        new("found", new BsonArray(found.Select(f => new BsonDocument { { "collection", f.Collection }, { "marker", f.Marker }, { "count", f.Count }, { "sample_ids", new BsonArray(f.SampleIds) } })));
}

/// <summary>What <see cref="DemoDataRemover.RemoveAsync"/> did: the verified backup taken first, what it deleted by the
/// markers, and the documents referencing those it deleted with them (per collection), so none is left orphaned.</summary>
public sealed record DemoDataRemoval(string BackupTag, string BackupFolder, IReadOnlyList<DemoDataFound> Removed)
{
    public IReadOnlyDictionary<string, long> Cascaded { get; init; } = new Dictionary<string, long>();

    /// <summary><c>ferry demo remove --json</c>.</summary>
    public BsonDocument ToBsonDocument() => new()
    {
        { "backup_tag", BackupTag },
        { "backup_folder", BackupFolder },
        { "removed", new BsonArray(Removed.Select(f => new BsonDocument { { "collection", f.Collection }, { "count", f.Count } })) },
        { "cascaded", new BsonArray(Cascaded.Select(c => new BsonDocument { { "collection", c.Key }, { "count", c.Value } })) },
    };
}

/// <summary>
/// <c>ferry demo identify|remove</c>: finds demo data by the transform rules' <c>demo_markers</c> and removes it —
/// only after a backup of the affected collections has been taken and verified in the same call.
/// </summary>
public sealed class DemoDataRemover(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<IReadOnlyList<DemoDataFound>> IdentifyAsync(IDocumentDatabase db, IReadOnlyDictionary<string, BsonDocument> markers, int samples = 5, CancellationToken cancellationToken = default)
    {
        if (markers.Count == 0)
        {
            throw new UserInputException("the rules file has no demo_markers: say which documents are demo data, e.g. demo_markers: { users: { is_demo: true } }");
        }

        var found = new List<DemoDataFound>();
        foreach (var (collection, marker) in markers)
        {
            var c = db.GetCollection(collection);
            var count = await c.CountAsync(marker, cancellationToken).ConfigureAwait(false);
            var ids = new List<BsonValue>();
            await foreach (var doc in c.FindAsync(marker, new FindOptions { Projection = new BsonDocument("_id", 1), Limit = samples, Sort = new BsonDocument("_id", 1) }, cancellationToken).ConfigureAwait(false))
            {
                ids.Add(doc["_id"]);
            }

            found.Add(new DemoDataFound(collection, marker, count, ids));
        }

        return found;
    }

    /// <summary>How many documents referencing demo documents (transitively) a removal would take along, per
    /// collection (the marked documents themselves not counted).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountCascadeAsync(IDocumentDatabase db, IReadOnlyDictionary<string, BsonDocument> markers, DemoCascade cascade, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (collection, marker) in markers)
        {
            await cascade.WalkAsync(
                db,
                collection,
                marker,
                (c, ids) =>
                {
                    if (c != collection)
                    {
                        counts[c] = counts.GetValueOrDefault(c) + ids.Count;
                    }

                    return Task.CompletedTask;
                },
                cancellationToken).ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>Backs up the marked collections and those referencing them, verifies the backup, then deletes the
    /// demo documents and (with <paramref name="cascade"/>) every document referencing one, children first.</summary>
    public async Task<DemoDataRemoval> RemoveAsync(IDocumentStore store, string database, IReadOnlyDictionary<string, BsonDocument> markers, string backupRoot, Runs.RunLockOptions? lockOptions = null, CancellationToken cancellationToken = default) =>
        await RemoveAsync(store, database, markers, new DemoCascade([]), backupRoot, lockOptions, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="RemoveAsync(IDocumentStore, string, IReadOnlyDictionary{string, BsonDocument}, string, Runs.RunLockOptions?, CancellationToken)"/>
    public async Task<DemoDataRemoval> RemoveAsync(IDocumentStore store, string database, IReadOnlyDictionary<string, BsonDocument> markers, DemoCascade cascade, string backupRoot, Runs.RunLockOptions? lockOptions = null, CancellationToken cancellationToken = default)
    {
        var db = store.GetDatabase(database);

        // Held from the count to the delete, so the backup holds exactly what is removed.
        await using var runLock = await Runs.DatabaseRunLock.AcquireAsync(db, "demo remove", null, lockOptions ?? new(), cancellationToken).ConfigureAwait(false);
        var found = await IdentifyAsync(db, markers, 0, cancellationToken).ConfigureAwait(false);
        var tag = $"pre-demo-remove-{_time.GetUtcNow():yyyyMMdd-HHmmss}";
        var backups = new BackupService(_time);
        var backup = await backups.CreateAsync(store, new BackupOptions
        {
            Tag = tag,
            OutputRoot = backupRoot,
            Databases = [database],
            Collections = cascade.Reach(found.Where(f => f.Count > 0).Select(f => f.Collection)).ToList(),
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var verification = await backups.VerifyAsync(backupRoot, tag, cancellationToken).ConfigureAwait(false);
        if (!verification.Ok)
        {
            throw new InvalidOperationException($"the backup {tag} taken before removing demo data did not verify; nothing was removed");
        }

        var cascaded = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var f in found.Where(f => f.Count > 0))
        {
            await cascade.WalkAsync(
                db,
                f.Collection,
                f.Marker,
                async (collection, ids) =>
                {
                    var filter = new BsonDocument("_id", new BsonDocument("$in", new BsonArray(ids)));
                    var deleted = await db.GetCollection(collection).BulkWriteAsync([new DeleteRequest(filter, IsMulti: true)], cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (collection != f.Collection)
                    {
                        cascaded[collection] = cascaded.GetValueOrDefault(collection) + deleted.DeletedCount;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }

        return new DemoDataRemoval(tag, backup.Path, found) { Cascaded = cascaded };
    }
}
