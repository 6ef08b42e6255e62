using Ferry.Core.Errors;
using Ferry.Core.Storage;

namespace Ferry.Core.Indexes;

/// <summary>
/// <c>ferry indexes drop NAME</c>: finds the one index of that name (in <c>--collection</c>, or the only collection
/// that has it), and, when confirmed, records its definition in <see cref="DroppedIndexes"/> before dropping it.
/// </summary>
public sealed class IndexDropper(IDocumentDatabase database, TimeProvider? time = null)
{
    /// <summary>The index that would be dropped; a missing, ambiguous or <c>_id_</c> name is bad input (exit 2).</summary>
    public async Task<IndexEntry> FindAsync(string name, string? collection, CancellationToken cancellationToken = default)
    {
        if (name == "_id_")
        {
            throw new UserInputException("_id_: the _id index cannot be dropped");
        }

        var catalog = new IndexCatalog(database);
        var matches = (await catalog.ListAsync(collection is null ? null : [collection], cancellationToken).ConfigureAwait(false))
            .Where(e => e.Name == name).ToList();
        return matches.Count switch
        {
            0 => throw new UserInputException($"{name}: no index of that name{(collection is null ? string.Empty : " on " + collection)} (ferry indexes list shows them)"),
            1 => matches[0],
            _ => throw new UserInputException($"{name}: indexes of that name exist on {string.Join(", ", matches.Select(m => m.Collection))}; say which with --collection"),
        };
    }

    /// <summary>Records the definition, then drops the index.</summary>
    public async Task DropAsync(IndexEntry index, CancellationToken cancellationToken = default)
    {
        await new DroppedIndexes(database, time).RecordAsync(index.Collection, index.Spec, cancellationToken).ConfigureAwait(false);
        await database.GetCollection(index.Collection).DropIndexAsync(index.Name, cancellationToken).ConfigureAwait(false);
    }
}
