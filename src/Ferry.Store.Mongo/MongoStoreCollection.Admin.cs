using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Store.Mongo;

/// <summary>Indexes, index usage and collection stats.</summary>
public sealed partial class MongoStoreCollection
{
    public async Task<IReadOnlyList<BsonDocument>> ListIndexesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await Errors.RunAsync(async () =>
            {
                using var cursor = await _documents.Indexes.ListAsync(cancellationToken).ConfigureAwait(false);
                var indexes = await cursor.ToListAsync(cancellationToken).ConfigureAwait(false);
                return (IReadOnlyList<BsonDocument>)indexes.OrderBy(i => i.GetValue("name", "").AsString == "_id_" ? 0 : 1).ToList();
            }).ConfigureAwait(false);
        }
        catch (MqlException ex) when (ex.Code == ErrorCodes.NamespaceNotFound)
        {
            return [];
        }
    }

    public async Task<IReadOnlyList<string>> CreateIndexesAsync(IReadOnlyList<BsonDocument> specs, CancellationToken cancellationToken = default)
    {
        if (specs.Count == 0)
        {
            return [];
        }

        // createIndexes with the specs as given: unique, partialFilterExpression, expireAfterSeconds, sparse,
        // collation, and "background" (ignored by 4.2+ servers, honoured by older ones) all pass through.
        var named = specs.Select(spec =>
        {
            if (spec.Contains("name"))
            {
                return spec;
            }

            var copy = spec.DeepClone().AsBsonDocument;
            copy["name"] = IndexNames.Generate(spec["key"].AsBsonDocument);
            return copy;
        }).ToList();
        var command = new BsonDocument { { "createIndexes", Name }, { "indexes", new BsonArray(named) } };
        await _database.RunCommandAsync(command, cancellationToken).ConfigureAwait(false);
        return named.Select(spec => spec["name"].AsString).ToList();
    }

    public Task DropIndexAsync(string name, CancellationToken cancellationToken = default) =>
        _database.RunCommandAsync(new BsonDocument { { "dropIndexes", Name }, { "index", name } }, cancellationToken);

    public async Task<IReadOnlyList<IndexUsage>> GetIndexUsageAsync(CancellationToken cancellationToken = default)
    {
        // $indexStats returns one document per index per shard (or host); usage is summed per index name and
        // "since" is the earliest counter start.
        var rows = await AggregateAsync(new BsonArray { new BsonDocument("$indexStats", new BsonDocument()) }, cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows
            .GroupBy(r => r["name"].AsString, StringComparer.Ordinal)
            .Select(g => new IndexUsage(
                g.Key,
                g.Sum(r => BsonNumbers.Int64(r["accesses"]["ops"])),
                g.Select(r => r["accesses"]["since"]).Where(v => v.IsValidDateTime).Select(v => (DateTime?)v.ToUniversalTime()).Min()))
            .OrderBy(u => u.Name == "_id_" ? 0 : 1)
            .ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<CollectionStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var ns = _database.Name + "." + Name;
        var pipeline = new BsonArray
        {
            new BsonDocument("$collStats", new BsonDocument("storageStats", new BsonDocument())),
        };
        List<BsonDocument> perShard;
        try
        {
            perShard = await AggregateAsync(pipeline, cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MqlException ex) when (ex.Code == ErrorCodes.NamespaceNotFound)
        {
            perShard = [];
        }

        var storage = perShard.Select(d => d["storageStats"].AsBsonDocument).ToList();
        var count = storage.Sum(s => BsonNumbers.Int64(s, "count"));
        var size = storage.Sum(s => BsonNumbers.Int64(s, "size"));
        var indexSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var shard in storage)
        {
            if (shard.TryGetValue("indexSizes", out var sizes) && sizes is BsonDocument byName)
            {
                foreach (var element in byName)
                {
                    indexSizes[element.Name] = indexSizes.GetValueOrDefault(element.Name) + BsonNumbers.Int64(element.Value);
                }
            }
        }

        return new CollectionStats(
            ns,
            count,
            size,
            count == 0 ? 0 : size / count,
            storage.Sum(s => BsonNumbers.Int64(s, "storageSize")),
            storage.Count == 0 ? 0 : (int)storage.Max(s => BsonNumbers.Int64(s, "nindexes")),
            storage.Sum(s => BsonNumbers.Int64(s, "totalIndexSize")),
            indexSizes);
    }
}
