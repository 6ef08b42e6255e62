using Ferry.Core.Storage;
using Ferry.Query.Aggregation;
using Ferry.Query.Common;
using Ferry.Serve.Cursors;
using MongoDB.Bson;

namespace Ferry.Serve.Commands;

/// <summary>find, getMore, killCursors and aggregate: results stream from the store into server-side cursors,
/// batch by batch (first batch 101 documents unless the client says otherwise, every batch at most 16 MiB).</summary>
internal sealed class ReadCommands(CursorRegistry cursors)
{
    public Task<BsonDocument> FindAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var collection = context.Db.GetCollection(context.CollectionName);
        var filter = context.Document("filter");
        var sort = context.Document("sort");
        var projection = context.Document("projection");
        var skip = context.Number("skip") ?? 0;
        var limit = context.Number("limit") ?? 0;
        var batchSize = BatchSize(context.Number("batchSize"));
        var singleBatch = context.Flag("singleBatch") || limit < 0;
        if (skip < 0)
        {
            throw ErrorCodes.Create(ErrorCodes.BadValue, "skip value must be non-negative, but received: " + skip);
        }

        if (limit < 0)
        {
            // A negative limit is the legacy "one batch of at most |limit|".
            limit = -limit;
            batchSize = (int)Math.Min(limit, int.MaxValue);
        }

        // Whole documents in _id order (the common case: scans, resumable reads) stream as stored bytes.
        var results = projection is null && skip == 0 && (sort is null || sort.ElementCount == 0 || sort.Equals(new BsonDocument("_id", 1)))
            ? collection.ScanAsync(new ScanOptions { Filter = filter, Limit = limit > 0 ? limit : null, BatchSize = Math.Clamp(batchSize ?? 1000, 1, 1000) }, CancellationToken.None).Select(d => (BsonDocument)d)
            : collection.FindAsync(filter, new FindOptions { Sort = sort, Projection = projection, Skip = skip > 0 ? skip : null, Limit = limit > 0 ? limit : null }, CancellationToken.None);
        return cursors.OpenAsync(context.Namespace, results, batchSize, singleBatch, cancellationToken);
    }

    public Task<BsonDocument> GetMoreAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Argument is not (BsonInt64 or BsonInt32))
        {
            throw ErrorCodes.Type("BSON field 'getMore.getMore' is the wrong type '" + context.Argument.BsonType + "', expected type 'long'");
        }

        var collection = context.Command.GetValue("collection", BsonNull.Value) as BsonString ?? throw ErrorCodes.Type("BSON field 'getMore.collection' is missing or not a string");
        return cursors.GetMoreAsync(context.Argument.ToInt64(), context.Database + "." + collection.Value, BatchSize(context.Number("batchSize")), cancellationToken);
    }

    public async Task<BsonDocument> KillCursorsAsync(CommandContext context)
    {
        var killed = new BsonArray();
        var notFound = new BsonArray();
        foreach (var id in context.Command.GetValue("cursors", new BsonArray()).AsBsonArray)
        {
            (await cursors.KillAsync(id.ToInt64()).ConfigureAwait(false) ? killed : notFound).Add(id);
        }

        return new BsonDocument
        {
            { "cursorsKilled", killed },
            { "cursorsNotFound", notFound },
            { "cursorsAlive", new BsonArray() },
            { "cursorsUnknown", new BsonArray() },
            { "ok", 1.0 },
        };
    }

    /// <summary>
    /// aggregate on a collection, or on the database (<c>aggregate: 1</c>: <c>$documents</c>, <c>$currentOp</c>).
    /// Leading <c>$collStats</c> and <c>$indexStats</c> are answered from the store's stats and index usage, the
    /// rest of such a pipeline runs over those documents; everything else is the store's own pipeline.
    /// </summary>
    public Task<BsonDocument> AggregateAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!context.Command.TryGetValue("pipeline", out var value) || value is not BsonArray pipeline)
        {
            throw ErrorCodes.Create(ErrorCodes.FailedToParse, "BSON field 'aggregate.pipeline' is missing but a required field");
        }

        if (context.Flag("explain"))
        {
            throw ErrorCodes.Create(ErrorCodes.CommandNotSupported, "aggregate with explain is not supported by ferry serve");
        }

        var cursorOptions = context.Document("cursor") ?? throw ErrorCodes.Create(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
        var batchSize = BatchSize(cursorOptions.TryGetValue("batchSize", out var b) && b.IsNumeric ? b.ToInt64() : null);
        var first = pipeline.Count > 0 && pipeline[0] is BsonDocument { ElementCount: 1 } stage ? stage.GetElement(0) : default;
        IAsyncEnumerable<BsonDocument> results;
        string ns;
        if (context.Argument.IsNumeric && context.Argument.ToDouble() == 1)
        {
            ns = context.Database + ".$cmd.aggregate";
            // No operations are ever reported as running: $currentOp yields nothing to the rest of the pipeline.
            results = RunOver(Enumerable.Empty<BsonDocument>(), first.Name == "$currentOp" ? Rest(pipeline) : pipeline, context.Db);
        }
        else
        {
            ns = context.Namespace;
            var collection = context.Db.GetCollection(context.CollectionName);
            results = first.Name switch
            {
                "$collStats" => RunOver(StatsStages.CollStatsAsync(collection, first.Value.AsBsonDocument, CancellationToken.None), Rest(pipeline), context.Db),
                "$indexStats" => RunOver(StatsStages.IndexStatsAsync(collection, CancellationToken.None), Rest(pipeline), context.Db),
                _ => collection.AggregateAsync(pipeline, new AggregateOptions { BatchSize = Math.Clamp(batchSize ?? 1000, 1, 1000), AllowDiskUse = context.Flag("allowDiskUse", fallback: true) }, CancellationToken.None),
            };
        }

        return cursors.OpenAsync(ns, results, batchSize, singleBatch: false, cancellationToken);
    }

    private static BsonArray Rest(BsonArray pipeline) => new(pipeline.Skip(1));

    private static IAsyncEnumerable<BsonDocument> RunOver(IEnumerable<BsonDocument> input, BsonArray pipeline, IDocumentDatabase database) =>
        RunOver(input.ToAsyncEnumerable(), pipeline, database);

    /// <summary>Parsed now, so a bad stage fails the command rather than the first batch; runs as the cursor is read.</summary>
    private static IAsyncEnumerable<BsonDocument> RunOver(IAsyncEnumerable<BsonDocument> input, BsonArray pipeline, IDocumentDatabase database) =>
        AggregationPipeline.Parse(pipeline).ExecuteAsync(input, new DatabaseSource(database), CancellationToken.None);

    private static int? BatchSize(long? requested) => requested switch
    {
        null => null,
        < 0 => throw ErrorCodes.Create(ErrorCodes.BadValue, "BatchSize value must be non-negative, but received: " + requested),
        _ => (int)Math.Min(requested.Value, int.MaxValue),
    };

    /// <summary>Other collections of the database for $lookup/$unionWith in a pipeline the server runs itself.</summary>
    private sealed class DatabaseSource(IDocumentDatabase database) : IPipelineSource
    {
        public IAsyncEnumerable<BsonDocument> ReadCollectionAsync(string collection, CancellationToken cancellationToken = default) =>
            database.GetCollection(collection).FindAsync(null, null, cancellationToken);
    }
}
