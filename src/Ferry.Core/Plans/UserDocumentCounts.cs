using Ferry.Core.Storage;

namespace Ferry.Core.Plans;

/// <summary>
/// Documents per database in the user collections (not Ferry's <c>_ferry_*</c>, not <c>system.*</c>), read only:
/// a rehearsal scales its step durations by the real store's counts against the rehearsed ones.
/// </summary>
internal static class UserDocumentCounts
{
    /// <summary>The counts of those of <paramref name="databases"/> the store has; a database it lacks is left out.</summary>
    public static async Task<Dictionary<string, long>> OfAsync(IDocumentStore store, IEnumerable<string> databases, CancellationToken cancellationToken)
    {
        // Only databases the store lists are read: getting one it lacks would create its file on the embedded store.
        var present = (await store.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in databases.Distinct(StringComparer.Ordinal).Where(present.Contains))
        {
            var database = store.GetDatabase(name);
            long documents = 0;
            foreach (var info in await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (info.Type == "collection" && !info.Name.StartsWith("_ferry_", StringComparison.Ordinal) && !info.Name.StartsWith("system.", StringComparison.Ordinal))
                {
                    documents += await database.GetCollection(info.Name).CountAsync(null, cancellationToken).ConfigureAwait(false);
                }
            }

            counts[name] = documents;
        }

        return counts;
    }
}
