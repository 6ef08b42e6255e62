using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>
/// The changelog collection (<c>_ferry_migrations</c>) of one database: one document per migration, keyed by
/// version. Written with ordinary inserts, replaces and deletes, so the runner needs no drop privilege.
/// </summary>
public sealed class MigrationChangelog(IDocumentDatabase database)
{
    public const string CollectionName = "_ferry_migrations";

    private IDocumentCollection Collection => database.GetCollection(CollectionName);

    public async Task<IReadOnlyList<ChangelogEntry>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<ChangelogEntry>();
        await foreach (var document in Collection.FindAsync(null, null, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ChangelogEntry.FromBson(document));
        }

        return entries.OrderBy(e => e.Version).ToList();
    }

    /// <summary>Records (or replaces) the entry for a version.</summary>
    public Task RecordAsync(ChangelogEntry entry, CancellationToken cancellationToken = default) =>
        Collection.BulkWriteAsync(
            [new ReplaceRequest(new BsonDocument("_id", entry.Version.Text), entry.ToBson(), IsUpsert: true)],
            new BulkWriteOptions { IsOrdered = true },
            cancellationToken);

    public Task RemoveAsync(MigrationVersion version, CancellationToken cancellationToken = default) =>
        Collection.BulkWriteAsync([new DeleteRequest(new BsonDocument("_id", version.Text))], new BulkWriteOptions { IsOrdered = true }, cancellationToken);
}
