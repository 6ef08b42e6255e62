using System.Diagnostics;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Indexes;

/// <summary>
/// <c>ferry indexes apply FILE</c>: creates the declared indexes that do not exist yet, one at a time with the store's
/// default build, timing each. Idempotent: an identical existing index is left alone. Every declaration is checked
/// against the existing indexes before anything is built, so a conflict (same name with another definition, or the
/// same definition under another name) writes nothing.
/// </summary>
public sealed class IndexApplier(IDocumentDatabase database)
{
    public async Task<IndexApplyResult> ApplyAsync(IReadOnlyList<IndexDeclaration> declarations, CancellationToken cancellationToken = default)
    {
        var toBuild = new List<IndexDeclaration>();
        var results = new Dictionary<IndexDeclaration, AppliedIndex>();
        foreach (var group in declarations.GroupBy(d => d.Collection))
        {
            var existing = await IndexSpecs.ExistingAsync(database.GetCollection(group.Key), cancellationToken).ConfigureAwait(false);
            foreach (var declared in group)
            {
                if (Check(declared, existing))
                {
                    results[declared] = new AppliedIndex(declared.Collection, declared.Name, AppliedIndex.Exists, TimeSpan.Zero);
                }
                else
                {
                    toBuild.Add(declared);
                }
            }
        }

        foreach (var declared in toBuild)
        {
            var clock = Stopwatch.StartNew();
            await database.GetCollection(declared.Collection).CreateIndexesAsync([declared.Spec], cancellationToken).ConfigureAwait(false);
            results[declared] = new AppliedIndex(declared.Collection, declared.Name, AppliedIndex.Created, clock.Elapsed);
        }

        return new IndexApplyResult(declarations.Select(d => results[d]).ToList());
    }

    /// <summary>True when an identical index exists; throws (exit 2) on a conflicting one; false when it must be built.</summary>
    private static bool Check(IndexDeclaration declared, IReadOnlyList<BsonDocument> existing)
    {
        foreach (var index in existing)
        {
            var name = index.GetValue("name", "").AsString;
            if (name == declared.Name)
            {
                return IndexSpecs.SameDefinition(declared.Spec, index)
                    ? true
                    : throw new UserInputException($"index '{declared.Name}' on {declared.Collection}: an index of that name exists with another definition ({index["key"]} {Options(index)}); declared {declared.Key} {Options(declared.Spec)}. Drop it first (ferry indexes drop {declared.Name} --collection {declared.Collection} --confirm) or rename the declaration; nothing was created");
            }

            if (IndexSpecs.SameKey(declared.Key, index["key"].AsBsonDocument) && !index.Contains("partialFilterExpression") && !declared.Spec.Contains("partialFilterExpression"))
            {
                throw new UserInputException($"index '{declared.Name}' on {declared.Collection}: the same key {declared.Key} is already indexed as '{name}'; rename the declaration to '{name}' or drop that index first; nothing was created");
            }
        }

        return false;
    }

    private static string Options(BsonDocument spec) =>
        new BsonDocument(spec.Where(e => e.Name is not ("v" or "key" or "name" or "ns" or "background"))).ToString();
}
