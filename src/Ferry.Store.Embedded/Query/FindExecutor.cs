using System.Runtime.CompilerServices;
using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Query.Projection;
using Ferry.Query.Sorting;
using Ferry.Store.Embedded.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Query;

/// <summary>
/// find(): filter, sort, skip, limit, projection. Without a sort (or sorting by <c>_id</c> ascending) it streams in
/// <c>_id</c> order; with a limit it keeps only the best skip+limit documents (top-k, bounded memory); otherwise it
/// sorts in memory within the query's memory budget and fails with MongoDB's 292 beyond it.
/// </summary>
internal sealed class FindExecutor(EmbeddedCollection collection, BsonDocument? filter, FindOptions options, QueryContext context)
{
    public async IAsyncEnumerable<BsonDocument> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var projection = options.Projection is { ElementCount: > 0 } p ? ProjectionSpec.Compile(p, context) : null;
        var skip = Math.Max(0, options.Skip ?? 0);
        long? limit = options.Limit is null or 0 ? null : Math.Abs(options.Limit.Value);
        var idDirection = options.Sort is { } s ? IdDirection(s) : 1;
        var sort = options.Sort is { ElementCount: > 0 } spec && idDirection == 0 ? SortSpec.Parse(spec) : null;

        // Sorting by _id alone (either way) is the key order: stream it instead of sorting.
        var source = collection.MatchAsync(filter, KeyRange.All, options.BatchSize, descending: idDirection < 0, cancellationToken);
        if (sort is null)
        {
            long position = 0;
            long emitted = 0;
            await foreach (var match in source.ConfigureAwait(false))
            {
                if (position++ < skip)
                {
                    continue;
                }

                yield return Shape(match, projection);
                if (limit is { } l && ++emitted >= l)
                {
                    yield break;
                }
            }

            yield break;
        }

        var sorted = await SortAsync(source, sort, limit is { } k ? skip + k : null).ConfigureAwait(false);
        var end = limit is { } max ? Math.Min(sorted.Count, skip + max) : sorted.Count;
        for (var i = (int)Math.Min(skip, sorted.Count); i < end; i++)
        {
            yield return projection is null ? sorted[i].Document : projection.Apply(sorted[i].Document, sorted[i].Details);
        }
    }

    /// <summary>1 or -1 when the sort is by <c>_id</c> alone (or empty: 1), 0 otherwise.</summary>
    private static int IdDirection(BsonDocument sort) =>
        sort.ElementCount == 0 ? 1
        : sort.ElementCount == 1 && sort.GetElement(0).Name == "_id" && sort[0].IsNumeric && sort[0].ToDouble() != 0 ? Math.Sign(sort[0].ToDouble())
        : 0;

    private static BsonDocument Shape(EmbeddedCollection.Match match, ProjectionSpec? projection)
    {
        var document = match.Document ?? Documents.Materialize(match.Row.Bytes);
        return projection is null ? document : projection.Apply(document, match.Details);
    }

    /// <summary>Sorted matches; with <paramref name="keep"/> only the first <paramref name="keep"/> (stable: ties keep <c>_id</c> order).</summary>
    private async Task<List<(BsonDocument Document, MatchDetails? Details)>> SortAsync(IAsyncEnumerable<EmbeddedCollection.Match> source, SortSpec sort, long? keep)
    {
        var comparer = Comparer<(BsonDocument Document, MatchDetails? Details, long Sequence)>.Create((a, b) =>
        {
            var c = sort.Compare(a.Document, b.Document);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        });
        var buffer = new SortedSet<(BsonDocument Document, MatchDetails? Details, long Sequence)>(comparer);
        long sequence = 0;
        long bytes = 0;
        await foreach (var match in source.ConfigureAwait(false))
        {
            var entry = (match.Document ?? Documents.Materialize(match.Row.Bytes), match.Details, sequence++);
            if (keep is { } k)
            {
                if (k == 0)
                {
                    continue;
                }

                if (buffer.Count >= k)
                {
                    if (comparer.Compare(entry, buffer.Max) >= 0)
                    {
                        continue;
                    }

                    buffer.Remove(buffer.Max);
                }

                buffer.Add(entry);
                continue;
            }

            bytes += match.Row.Bytes.Length;
            if (bytes > context.MemoryLimitBytes)
            {
                throw ErrorCodes.Create(
                    ErrorCodes.QueryExceededMemoryLimitNoDiskUseAllowed,
                    $"Sort exceeded memory limit of {context.MemoryLimitBytes} bytes, but did not opt in to external sorting.");
            }

            buffer.Add(entry);
        }

        return buffer.Select(e => (e.Document, e.Details)).ToList();
    }
}
