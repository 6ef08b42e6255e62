using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>
/// The append-only history (<c>_ferry_migrations_history</c>): every up, down, failure, baseline, mark and forced
/// unlock, with its run id, who, when and how long. Never updated or deleted by Ferry.
/// </summary>
public sealed class MigrationHistory(IDocumentDatabase database)
{
    public const string CollectionName = "_ferry_migrations_history";

    private IDocumentCollection Collection => database.GetCollection(CollectionName);

    public Task AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default) =>
        Collection.BulkWriteAsync([new InsertRequest(entry.ToBson())], new BulkWriteOptions { IsOrdered = true }, cancellationToken);

    /// <summary>The latest <paramref name="limit"/> entries, newest first.</summary>
    public async Task<IReadOnlyList<BsonDocument>> ReadAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        var entries = new List<BsonDocument>();
        var options = new FindOptions { Sort = new BsonDocument { { "at", -1 }, { "_id", -1 } }, Limit = limit };
        await foreach (var document in Collection.FindAsync(null, options, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(document);
        }

        return entries;
    }

    /// <summary>One database in <c>migrate history --json</c>: its events as stored, newest first.</summary>
    public static BsonDocument ToBson(string databaseName, IReadOnlyList<BsonDocument> events) =>
        new() { { "database", databaseName }, { "events", new BsonArray(events) } };
}

/// <summary>One history event.</summary>
/// <param name="Action">up, down, rollback (a failed run restored from its backup), baseline, mark-applied, mark-unapplied, force-unlock.</param>
/// <param name="Outcome">succeeded or failed.</param>
public sealed record HistoryEntry(string RunId, string Action, string? Version, string? Source, string Outcome, DateTimeOffset At, TimeSpan Duration, string By, string FerryVersion)
{
    public string? Error { get; init; }

    /// <summary>The pre-migration backup of the run, when one was taken.</summary>
    public string? BackupTag { get; init; }

    public BsonDocument ToBson()
    {
        var document = new BsonDocument
        {
            { "_id", ObjectId.GenerateNewId() },
            { "runId", RunId },
            { "action", Action },
            { "version", (BsonValue?)Version ?? BsonNull.Value },
            { "fileName", (BsonValue?)Source ?? BsonNull.Value },
            { "outcome", Outcome },
            { "at", new BsonDateTime(At.UtcDateTime) },
            { "durationMs", (long)Duration.TotalMilliseconds },
            { "by", By },
            { "ferryVersion", FerryVersion },
        };
        if (Error is not null)
        {
            document["error"] = Error;
        }

        if (BackupTag is not null)
        {
            document["backupTag"] = BackupTag;
        }

        return document;
    }
}
