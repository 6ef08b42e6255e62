using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Quarantine;

/// <summary>
/// The <c>_ferry_quarantine</c> collection: documents taken out of circulation with their original namespace, the
/// whole original document, the reason, the run and the time. Entries are keyed by (run, namespace, original _id),
/// so writing one twice (a resumed run) is idempotent. Nothing Ferry removes is removed without an entry here first.
/// </summary>
public sealed class QuarantineStore(IDocumentDatabase database, TimeProvider? time = null)
{
    public const string CollectionName = "_ferry_quarantine";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public IDocumentCollection Collection => database.GetCollection(CollectionName);

    public static BsonDocument KeyOf(string runId, string ns, BsonValue id) => new() { { "run", runId }, { "ns", ns }, { "id", id } };

    /// <summary>Copies documents into quarantine (upsert by key). Call before deleting or changing the originals.</summary>
    /// <param name="sourceNamespace">The namespace the documents came from when it is not this database's
    /// <paramref name="collection"/> (a transform quarantines source documents in the target database).</param>
    public async Task PutAsync(string runId, string collection, IReadOnlyList<(BsonDocument Document, string Reason)> entries, string? sourceNamespace = null, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var ns = sourceNamespace ?? $"{database.Name}.{collection}";
        var now = _time.GetUtcNow().UtcDateTime;
        var requests = entries.Select(e => (WriteRequest)new ReplaceRequest(
            new BsonDocument("_id", KeyOf(runId, ns, e.Document["_id"])),
            new BsonDocument
            {
                { "_id", KeyOf(runId, ns, e.Document["_id"]) },
                { "run_id", runId },
                { "ns", ns },
                { "collection", collection },
                { "reason", e.Reason },
                { "quarantined_at", now },
                { "restored_at", BsonNull.Value },
                { "document", e.Document },
            },
            IsUpsert: true)).ToList();
        await Collection.BulkWriteAsync(requests, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many documents a run quarantined from one collection.</summary>
    public Task<long> CountAsync(string runId, string collection, CancellationToken cancellationToken = default) =>
        Collection.CountAsync(new BsonDocument { { "run_id", runId }, { "collection", collection } }, cancellationToken);

    /// <summary>True when the run quarantined anything here, restored since or not: an id for which this is false is a typo.</summary>
    public async Task<bool> HasRunAsync(string runId, CancellationToken cancellationToken = default) =>
        await Collection.CountAsync(new BsonDocument("run_id", runId), cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>The entries of one run that have not been restored.</summary>
    public IAsyncEnumerable<BsonDocument> ListAsync(string runId, CancellationToken cancellationToken = default) =>
        Collection.FindAsync(new BsonDocument { { "run_id", runId }, { "restored_at", BsonNull.Value } }, new FindOptions { Sort = new BsonDocument("_id", 1) }, cancellationToken);

    /// <summary>Puts a run's quarantined documents back where they came from. A document whose <c>_id</c> is taken again
    /// is left in quarantine and reported; restored entries are marked, not deleted.</summary>
    public async Task<QuarantineRestoreResult> RestoreAsync(string runId, Runs.RunLockOptions? lockOptions = null, CancellationToken cancellationToken = default)
    {
        await using var runLock = await Runs.DatabaseRunLock.AcquireAsync(database, "doctor restore-quarantine", runId, lockOptions ?? new(), cancellationToken).ConfigureAwait(false);
        long restored = 0;
        var conflicts = new List<string>();
        await foreach (var entry in ListAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            var target = database.GetCollection(entry["collection"].AsString);
            var original = entry["document"].AsBsonDocument;
            try
            {
                await target.BulkWriteAsync([new InsertRequest(original)], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (BulkWriteFailedException e) when (e.WriteErrors.All(w => w.Code == Query.Common.ErrorCodes.DuplicateKey))
            {
                conflicts.Add($"{entry["ns"].AsString} _id {original["_id"]}");
                continue;
            }

            await Collection.BulkWriteAsync(
                [new UpdateRequest(new BsonDocument("_id", entry["_id"]), new BsonDocument("$set", new BsonDocument("restored_at", _time.GetUtcNow().UtcDateTime)))],
                cancellationToken: cancellationToken).ConfigureAwait(false);
            restored++;
        }

        return new QuarantineRestoreResult(runId, restored, conflicts);
    }
}

/// <summary>How many documents went back, and which could not because their <c>_id</c> exists again.</summary>
public sealed record QuarantineRestoreResult(string RunId, long Restored, IReadOnlyList<string> Conflicts);
