using System.Globalization;
using Ferry.Core.Backup;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Emergency;

/// <summary>A collection that was not in the restored backup, moved aside under <see cref="MovedTo"/> (nothing deleted).</summary>
public sealed record QuarantinedCollection(string Database, string Collection, string MovedTo, long Documents)
{
    public BsonDocument ToBson() => new()
    {
        { "database", Database },
        { "collection", Collection },
        { "movedTo", MovedTo },
        { "documents", Documents },
    };
}

/// <summary>
/// After <c>emergency recover</c> restored the last good backup over a database, the collections the backup does not
/// hold (created after it — by the failed deployment, most likely) would silently remain beside the recovered data.
/// They are renamed to <c>_ferry_recovered_yyyyMMdd_HHmmss_NAME</c>: out of the application's way, kept whole (never
/// dropped), and reported. Ferry's own <c>_ferry_*</c> collections and <c>system.*</c> stay as they are.
/// </summary>
internal static class NewCollectionQuarantine
{
    public const string Prefix = "_ferry_recovered_";

    public static async Task<List<QuarantinedCollection>> MoveAsideAsync(IDocumentDatabase database, RestoreResult restore, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var restored = restore.Namespaces.Select(n => n.Target).ToHashSet(StringComparer.Ordinal);
        var stamp = at.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        var moved = new List<QuarantinedCollection>();
        foreach (var info in await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (info.Type != "collection" || info.Name.StartsWith("_ferry_", StringComparison.Ordinal) || info.Name.StartsWith("system.", StringComparison.Ordinal)
                || restored.Contains($"{database.Name}.{info.Name}"))
            {
                continue;
            }

            var documents = await database.GetCollection(info.Name).CountAsync(null, cancellationToken).ConfigureAwait(false);
            var target = $"{Prefix}{stamp}_{info.Name}";
            // dropTarget false: an existing collection of that name is never replaced (the rename fails instead).
            await database.RenameCollectionAsync(info.Name, target, dropTarget: false, cancellationToken).ConfigureAwait(false);
            moved.Add(new QuarantinedCollection(database.Name, info.Name, target, documents));
        }

        return moved;
    }
}
