using System.Runtime.CompilerServices;
using Ferry.Core.Storage;
using Ferry.Query.Aggregation;
using Ferry.Query.Filters;
using Ferry.Query.Projection;
using Ferry.Store.Embedded.Keys;
using Ferry.Store.Embedded.Query;
using Ferry.Store.Embedded.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded;

/// <summary>
/// A collection of the embedded store: the facade over the document table (reads here; writes, indexes and stats
/// in the other parts of this class). Reads stream in <c>_id</c> order, one short read per batch.
/// </summary>
public sealed partial class EmbeddedCollection : IDocumentCollection
{
    private readonly EmbeddedDatabase _database;

    internal EmbeddedCollection(EmbeddedDatabase database, string name)
    {
        Names.CheckCollection(name);
        _database = database;
        Name = name;
    }

    public string Name { get; }

    public IDocumentDatabase Database => _database;

    private string Namespace => _database.Name + "." + Name;

    private DatabaseFile File => _database.File;

    public async Task<long> CountAsync(BsonDocument? filter = null, CancellationToken cancellationToken = default)
    {
        if (filter is null || filter.ElementCount == 0)
        {
            return await EstimatedCountAsync(cancellationToken).ConfigureAwait(false);
        }

        long count = 0;
        await foreach (var _ in MatchAsync(filter, KeyRange.All, 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    public Task<long> EstimatedCountAsync(CancellationToken cancellationToken = default) =>
        File.ReadAsync(
            session => Catalog.Find(session, Name) is { } meta ? session.Long($"SELECT count(*) FROM {meta.Table}") : 0L,
            0L,
            cancellationToken);

    public async IAsyncEnumerable<RawBsonDocument> ScanAsync(ScanOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new ScanOptions();
        var range = KeyRange.All;
        if (options.Partition is { } partition)
        {
            range = new KeyRange(partition.Min is null ? null : KeyEncoder.Encode(partition.Min), partition.Max is null ? null : KeyEncoder.Encode(partition.Max));
        }

        if (options.AfterId is { } after)
        {
            range = range.Intersect(new KeyRange(KeyRange.After(KeyEncoder.Encode(after)), null));
        }

        var projection = options.Projection is { ElementCount: > 0 } p ? ProjectionSpec.Compile(p, _database.Context) : null;
        long emitted = 0;
        if (options.Limit is <= 0)
        {
            yield break;
        }

        if (projection is null && options.Filter is not { ElementCount: > 0 })
        {
            // The unfiltered fast path (backups, transfers, transforms): raw bytes in key-range batches, no parsing.
            var batchSize = Math.Max(1, options.BatchSize);
            while (!range.IsEmpty)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var scanRange = range;
                var (documents, lastKey) = await File.ReadAsync(
                    session =>
                    {
                        if (Catalog.FindTable(session, Name) is not { } name)
                        {
                            return (new List<byte[]>(), (byte[]?)null);
                        }

                        using var table = new DocumentTable(session, name);
                        return table.ReadDocuments(scanRange, batchSize);
                    },
                    (new List<byte[]>(), (byte[]?)null),
                    cancellationToken).ConfigureAwait(false);
                foreach (var bytes in documents)
                {
                    yield return new RawBsonDocument(bytes);
                    if (options.Limit is { } l && ++emitted >= l)
                    {
                        yield break;
                    }
                }

                if (lastKey is null || documents.Count < batchSize)
                {
                    yield break;
                }

                range = range.Intersect(new KeyRange(KeyRange.After(lastKey), null));
            }

            yield break;
        }

        await foreach (var match in MatchAsync(options.Filter, range, options.BatchSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return projection is null
                ? new RawBsonDocument(match.Row.Bytes)
                : new RawBsonDocument(projection.Apply(match.Document ?? Documents.Materialize(match.Row.Bytes), match.Details).ToBson());
            if (options.Limit is { } limit && ++emitted >= limit)
            {
                yield break;
            }
        }
    }

    public IAsyncEnumerable<BsonDocument> FindAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default) =>
        new FindExecutor(this, filter, options ?? new FindOptions(), _database.Context).RunAsync(cancellationToken);

    public async Task<BsonDocument?> FindOneAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default)
    {
        await foreach (var document in FindAsync(filter, (options ?? new FindOptions()) with { Limit = 1 }, cancellationToken).ConfigureAwait(false))
        {
            return document;
        }

        return null;
    }

    public Task<IReadOnlyList<IdRange>> SplitAsync(int count, CancellationToken cancellationToken = default) =>
        File.ReadAsync<IReadOnlyList<IdRange>>(
            session =>
            {
                var meta = Catalog.Find(session, Name);
                if (meta is null || count <= 1)
                {
                    return [new IdRange(null, null)];
                }

                using var table = new DocumentTable(session, meta);
                var total = table.Count();
                var bounds = new List<BsonValue>();
                byte[]? previous = null;
                for (var i = 1; i < count; i++)
                {
                    var position = total * i / count;
                    if (position == 0 || table.AtPosition(position) is not { } row)
                    {
                        continue;
                    }

                    if (previous is not null && ByteArrayComparer.Instance.Compare(previous, row.Key) >= 0)
                    {
                        continue;
                    }

                    previous = row.Key;
                    bounds.Add(Documents.Materialize(row.Bytes)["_id"]);
                }

                var ranges = new List<IdRange>(bounds.Count + 1);
                BsonValue? min = null;
                foreach (var bound in bounds)
                {
                    ranges.Add(new IdRange(min, bound));
                    min = bound;
                }

                ranges.Add(new IdRange(min, null));
                return ranges;
            },
            [new IdRange(null, null)],
            cancellationToken);

    public async IAsyncEnumerable<BsonDocument> AggregateAsync(BsonArray pipeline, AggregateOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new AggregateOptions();
        var parsed = AggregationPipeline.Parse(pipeline, _database.Context);
        // The leading $match runs inside the scan (where _id ranges and indexes apply), so the pipeline skips it.
        var input = ReadDocumentsAsync(parsed.LeadingFilter, options.BatchSize, cancellationToken);
        await foreach (var document in parsed.WithoutLeadingFilter().ExecuteAsync(input, _database.PipelineSource, cancellationToken).ConfigureAwait(false))
        {
            yield return document;
        }
    }

    public async Task<IReadOnlyList<BsonValue>> DistinctAsync(string field, BsonDocument? filter = null, CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<BsonValue>(Ferry.Query.Common.BsonValueComparer.Instance);
        var values = new List<BsonValue>();
        await foreach (var match in MatchAsync(filter, KeyRange.All, 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var document = match.Document ?? Documents.Materialize(match.Row.Bytes);
            foreach (var value in Indexes.IndexKeys.ValuesAt(document, field, emptyArrayAsUndefined: false))
            {
                if (seen.Add(value))
                {
                    values.Add(value);
                }
            }
        }

        values.Sort(Ferry.Query.Common.BsonValueComparer.Instance);
        return values;
    }

    /// <summary>Matching documents, materialised, in <c>_id</c> order (the input of find and aggregate).</summary>
    internal async IAsyncEnumerable<BsonDocument> ReadDocumentsAsync(BsonDocument? filter, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var match in MatchAsync(filter, KeyRange.All, batchSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return match.Document ?? Documents.Materialize(match.Row.Bytes);
        }
    }

    /// <summary>
    /// The core read: candidates of the filter's plan within <paramref name="range"/>, batch by batch (one short read
    /// under the database gate per batch), filtered outside the gate. Documents are parsed only when a filter needs them.
    /// </summary>
    internal async IAsyncEnumerable<Match> MatchAsync(BsonDocument? filter, KeyRange range, int batchSize, bool descending = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var matcher = filter is { ElementCount: > 0 } ? FilterMatcher.Compile(filter, _database.Context) : null;
        CandidateCursor? cursor = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await File.ReadAsync(
                session =>
                {
                    var meta = Catalog.Find(session, Name);
                    if (meta is null)
                    {
                        return null;
                    }

                    if (cursor is null)
                    {
                        var plan = QueryPlan.For(filter, meta.Indexes);
                        _database.CountIndexUse(Name, plan.UsedIndex);
                        cursor = new CandidateCursor(plan, range, batchSize, descending);
                    }

                    using var table = new DocumentTable(session, meta);
                    return cursor.Next(session, table);
                },
                null,
                cancellationToken).ConfigureAwait(false);
            if (batch is null)
            {
                yield break;
            }

            foreach (var row in batch)
            {
                if (matcher is null)
                {
                    yield return new Match(row, null, null);
                    continue;
                }

                var document = Documents.Materialize(row.Bytes);
                var details = new MatchDetails();
                if (matcher.Matches(document, details))
                {
                    yield return new Match(row, document, details);
                }
            }
        }
    }

    /// <summary>A matching stored document, with its parsed form and match details when a filter was evaluated.</summary>
    internal readonly record struct Match(StoredDocument Row, BsonDocument? Document, MatchDetails? Details);
}
