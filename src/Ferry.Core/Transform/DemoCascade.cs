using Ferry.Core.Storage;
using Ferry.Core.Transform.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>A reference between source collections: <c>Child.Field</c> holds a <c>Parent._id</c>.</summary>
public sealed record DemoReference(string Child, string Field, string Parent);

/// <summary>
/// What removing demo documents drags along: every document that references a removed one, transitively (users →
/// assessments → reports, workflow states, agent metrics), read from the rules' <c>map_id</c> fields. Walks ids in
/// bounded batches, depth first, calling back children before their parents, so a delete done in that order never
/// leaves a reference to a removed document even if it is interrupted.
/// </summary>
public sealed class DemoCascade(IReadOnlyList<DemoReference> references)
{
    private const int BatchSize = 500;

    public IReadOnlyList<DemoReference> References { get; } = references;

    /// <summary>The references of the source collections: a field mapped with <c>map_id: P</c> in collection C
    /// points from C's source collection into P's source collection.</summary>
    public static DemoCascade From(TransformRules rules)
    {
        var sourceOf = rules.Collections.ToDictionary(c => c.Target, c => c.SourceCollection, StringComparer.Ordinal);
        return new DemoCascade(rules.Collections
            .SelectMany(c => c.Fields
                .Where(f => f.MapIdThrough is not null && f.From is not null && sourceOf.ContainsKey(f.MapIdThrough))
                .Select(f => new DemoReference(c.SourceCollection, f.From!, sourceOf[f.MapIdThrough!])))
            .Distinct()
            .ToList());
    }

    /// <summary>The collections a removal from <paramref name="roots"/> can reach (roots included).</summary>
    public IReadOnlyList<string> Reach(IEnumerable<string> roots)
    {
        var reached = new List<string>();
        var pending = new Queue<string>(roots);
        while (pending.TryDequeue(out var collection))
        {
            if (!reached.Contains(collection))
            {
                reached.Add(collection);
                foreach (var child in References.Where(r => r.Parent == collection))
                {
                    pending.Enqueue(child.Child);
                }
            }
        }

        return reached;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with batches of <c>_id</c>s: first of the documents referencing a batch of
    /// <paramref name="collection"/>'s matches (recursively), then of the batch itself. A collection already on the
    /// path is not entered again, so a cycle of references ends.
    /// </summary>
    public Task WalkAsync(IDocumentDatabase database, string collection, BsonDocument filter, Func<string, IReadOnlyList<BsonValue>, Task> visit, CancellationToken cancellationToken = default) =>
        WalkAsync(database, collection, filter, visit, [collection], cancellationToken);

    private async Task WalkAsync(IDocumentDatabase database, string collection, BsonDocument filter, Func<string, IReadOnlyList<BsonValue>, Task> visit, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        var batch = new List<BsonValue>(BatchSize);
        var scan = new ScanOptions { Filter = filter, Projection = new BsonDocument("_id", 1) };
        await foreach (var raw in database.GetCollection(collection).ScanAsync(scan, cancellationToken).ConfigureAwait(false))
        {
            using (raw)
            {
                batch.Add(raw["_id"]);
            }

            if (batch.Count == BatchSize)
            {
                await VisitBatchAsync(database, collection, batch, visit, path, cancellationToken).ConfigureAwait(false);
                batch = new List<BsonValue>(BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            await VisitBatchAsync(database, collection, batch, visit, path, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task VisitBatchAsync(IDocumentDatabase database, string collection, List<BsonValue> ids, Func<string, IReadOnlyList<BsonValue>, Task> visit, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        foreach (var reference in References.Where(r => r.Parent == collection && !path.Contains(r.Child)))
        {
            var children = new BsonDocument(reference.Field, new BsonDocument("$in", new BsonArray(ids)));
            await WalkAsync(database, reference.Child, children, visit, [.. path, reference.Child], cancellationToken).ConfigureAwait(false);
        }

        await visit(collection, ids).ConfigureAwait(false);
    }
}
