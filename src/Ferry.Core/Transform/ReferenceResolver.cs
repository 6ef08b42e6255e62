using System.Collections.Concurrent;
using Ferry.Core.Storage;
using Ferry.Core.Transform.Rules;
using Ferry.Core.Validation;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>
/// Resolves <c>map_id</c> references without a query per batch. For each parent collection it holds the source ids
/// that were migrated — as 16-byte fingerprints (MongoDB's equality: 1, 1L and 1.0 are one id), with the target id
/// for parents given new ids — about 40 bytes per parent document. A real run loads a parent once, from what the
/// target holds (the run's id map entries, or the kept ids themselves), before the first collection that refers to
/// it; parents always finish first (dependency order), so a resumed run sees exactly what was written. A dry run,
/// which writes nothing, records parents as it produces them.
/// </summary>
public sealed class ReferenceResolver(IReadOnlyDictionary<string, IdStrategy> parents)
{
    private readonly ConcurrentDictionary<string, MigratedIds> _parents = new(StringComparer.Ordinal);

    /// <summary>A resolver for the collections of <paramref name="rules"/> that some <c>map_id</c> refers to.</summary>
    public static ReferenceResolver For(TransformRules rules)
    {
        var referenced = rules.Collections.SelectMany(c => c.DependsOn).ToHashSet(StringComparer.Ordinal);
        return new ReferenceResolver(rules.Collections.Where(c => referenced.Contains(c.Target)).ToDictionary(c => c.Target, c => c.Ids, StringComparer.Ordinal));
    }

    /// <summary>Whether some <c>map_id</c> refers to <paramref name="collection"/> (only then are its new ids kept in the id map).</summary>
    public bool IsReferenced(string collection) => parents.ContainsKey(collection);

    /// <summary>The target id a reference to <paramref name="sourceId"/> in <paramref name="parent"/> becomes; null when that document was not migrated.</summary>
    public BsonValue? Resolve(string parent, BsonValue sourceId) =>
        _parents.TryGetValue(parent, out var ids) ? ids.Resolve(sourceId) : null;

    /// <summary>Records one migrated document (dry runs); nothing is kept for collections no <c>map_id</c> refers to.</summary>
    public void Add(string collection, BsonValue sourceId, BsonValue targetId)
    {
        if (parents.TryGetValue(collection, out var strategy))
        {
            _parents.GetOrAdd(collection, _ => new MigratedIds(strategy)).Add(sourceId, targetId);
        }
    }

    /// <summary>Loads what the target holds of <paramref name="parent"/> for this run, once.</summary>
    public async Task LoadAsync(string parent, IDocumentDatabase target, string runId, CancellationToken cancellationToken)
    {
        if (_parents.ContainsKey(parent))
        {
            return;
        }

        var ids = new MigratedIds(parents[parent]);
        if (parents[parent] == IdStrategy.New)
        {
            await foreach (var (source, targetId) in new IdMap(target).EntriesAsync(parent, runId, cancellationToken).ConfigureAwait(false))
            {
                ids.Add(source, targetId);
            }
        }
        else
        {
            var scan = new ScanOptions { Projection = new BsonDocument("_id", 1) };
            await foreach (var raw in target.GetCollection(parent).ScanAsync(scan, cancellationToken).ConfigureAwait(false))
            {
                using (raw)
                {
                    var id = raw["_id"];
                    ids.Add(id, id);
                }
            }
        }

        _parents[parent] = ids;
    }

    /// <summary>One parent's migrated ids. Adds come from parallel partitions (a lock); lookups only once the parent is complete.</summary>
    private sealed class MigratedIds(IdStrategy strategy)
    {
        private readonly Dictionary<UInt128, ObjectId> _newIds = [];
        private readonly HashSet<UInt128> _keptIds = [];
        private readonly Lock _lock = new();

        public void Add(BsonValue sourceId, BsonValue targetId)
        {
            var key = KeyFingerprint.Of(sourceId);
            lock (_lock)
            {
                if (strategy == IdStrategy.Keep)
                {
                    _keptIds.Add(key);
                }
                else
                {
                    _newIds[key] = targetId.AsObjectId;
                }
            }
        }

        public BsonValue? Resolve(BsonValue sourceId)
        {
            var key = KeyFingerprint.Of(sourceId);
            if (strategy == IdStrategy.Keep)
            {
                return _keptIds.Contains(key) ? sourceId : null;
            }

            return _newIds.TryGetValue(key, out var targetId) ? new BsonObjectId(targetId) : null;
        }
    }
}
