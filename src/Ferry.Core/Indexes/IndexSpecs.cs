using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Indexes;

/// <summary>Comparing index specs as MongoDB does: same key (fields in order, directions as numbers) and same options,
/// ignoring what the server adds (<c>v</c>, <c>ns</c>) or ignores (<c>background</c>).</summary>
public static class IndexSpecs
{
    private static readonly HashSet<string> Ignored = ["v", "ns", "background", "name", "key"];

    public static bool SameKey(BsonDocument a, BsonDocument b) =>
        a.ElementCount == b.ElementCount
        && a.Elements.Zip(b.Elements).All(p => p.First.Name == p.Second.Name && SameValue(p.First.Value, p.Second.Value));

    public static bool SameDefinition(BsonDocument declared, BsonDocument existing)
    {
        if (!SameKey(declared["key"].AsBsonDocument, existing["key"].AsBsonDocument))
        {
            return false;
        }

        var options = declared.Names.Concat(existing.Names).Where(n => !Ignored.Contains(n)).Distinct();
        return options.All(n => SameValue(Option(declared, n), Option(existing, n)));
    }

    /// <summary>Existing indexes of a collection; none when it does not exist yet (the embedded store says NamespaceNotFound).</summary>
    public static async Task<IReadOnlyList<BsonDocument>> ExistingAsync(IDocumentCollection collection, CancellationToken cancellationToken)
    {
        try
        {
            return await collection.ListIndexesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MqlException e) when (e.Code == ErrorCodes.NamespaceNotFound)
        {
            return [];
        }
    }

    /// <summary>An option's value, with false/absent booleans (unique, sparse, hidden) treated alike.</summary>
    private static BsonValue Option(BsonDocument spec, string name) =>
        spec.TryGetValue(name, out var value) && !(value is BsonBoolean { Value: false }) ? value : BsonNull.Value;

    private static bool SameValue(BsonValue a, BsonValue b) =>
        a.IsNumeric && b.IsNumeric ? a.ToDouble() == b.ToDouble()
        : a is BsonDocument da && b is BsonDocument db ? da.ElementCount == db.ElementCount && da.Elements.Zip(db.Elements).All(p => p.First.Name == p.Second.Name && SameValue(p.First.Value, p.Second.Value))
        : a.Equals(b);
}
