using System.Diagnostics;
using System.Globalization;
using Ferry.Core.Backup;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>One collection as it was before the plan's data steps: what a rollback must give back exactly.</summary>
public sealed record CollectionBaseline(string Database, string Collection, long Count, ulong Checksum, BsonArray Indexes, BsonValue Validator)
{
    public string Namespace => $"{Database}.{Collection}";

    public BsonDocument ToBson() => new()
    {
        { "db", Database },
        { "collection", Collection },
        { "count", Count },
        { "checksum", Checksum.ToString("x16", CultureInfo.InvariantCulture) },
        { "indexes", Indexes },
        { "validator", Validator },
    };

    public static CollectionBaseline FromBson(BsonDocument doc) => new(
        doc["db"].AsString, doc["collection"].AsString, doc["count"].ToInt64(),
        ulong.Parse(doc["checksum"].AsString, NumberStyles.HexNumber, CultureInfo.InvariantCulture), doc["indexes"].AsBsonArray, doc["validator"]);
}

/// <summary>
/// The state recorded before a plan's first data step (stored in the plan run, so <c>ferry rollback</c> can verify
/// against it later): per user collection of every database the plan writes its document count, content checksum
/// (<see cref="CollectionDigest"/>: byte-exact, order-independent), index specs and validator; and the median
/// latency of each probe query.
/// </summary>
public sealed record PlanBaseline(DateTime At, IReadOnlyList<string> Databases, IReadOnlyList<CollectionBaseline> Collections, IReadOnlyDictionary<string, double> ProbeMedianMs)
{
    public static async Task<PlanBaseline> CaptureAsync(IDocumentStore store, IReadOnlyList<string> databases, IReadOnlyList<PlanProbe> probes, string planDatabase, DateTime at, CancellationToken cancellationToken)
    {
        var collections = new List<CollectionBaseline>();
        foreach (var name in databases)
        {
            collections.AddRange(await StateOfAsync(store.GetDatabase(name), cancellationToken).ConfigureAwait(false));
        }

        return new PlanBaseline(at, databases, collections, await MeasureProbesAsync(store, probes, planDatabase, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every user collection of the database (not Ferry's <c>_ferry_*</c>, not views), in name order.</summary>
    public static async Task<List<CollectionBaseline>> StateOfAsync(IDocumentDatabase database, CancellationToken cancellationToken)
    {
        var result = new List<CollectionBaseline>();
        var infos = await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var info in infos.Where(c => !c.Name.StartsWith("_ferry_", StringComparison.Ordinal) && c.Type != "view").OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var collection = database.GetCollection(info.Name);
            var digest = await CollectionDigest.OfCollectionAsync(collection, cancellationToken).ConfigureAwait(false);
            var indexes = (await collection.ListIndexesAsync(cancellationToken).ConfigureAwait(false)).Select(IndexSpec).OrderBy(i => i["name"].AsString, StringComparer.Ordinal);
            result.Add(new CollectionBaseline(database.Name, info.Name, digest.Documents, digest.Checksum, new BsonArray(indexes), info.Options.GetValue("validator", BsonNull.Value)));
        }

        return result;
    }

    /// <summary>
    /// The median latency of each probe, in milliseconds, after one untimed warm-up run. A probe of a collection that
    /// does not exist yet is left out: a query of nothing has no latency to compare.
    /// </summary>
    public static async Task<Dictionary<string, double>> MeasureProbesAsync(IDocumentStore store, IReadOnlyList<PlanProbe> probes, string planDatabase, CancellationToken cancellationToken)
    {
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var probe in probes)
        {
            var database = store.GetDatabase(probe.Database ?? planDatabase);
            if (!(await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Any(c => c.Name == probe.Collection))
            {
                continue;
            }

            var collection = database.GetCollection(probe.Collection);
            var times = new List<double>();
            for (var i = -1; i < probe.Runs; i++)
            {
                var clock = Stopwatch.StartNew();
                await foreach (var _ in collection.FindAsync(probe.Filter, null, cancellationToken).ConfigureAwait(false))
                {
                }

                if (i >= 0)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            medians[probe.Name] = Math.Round(times[times.Count / 2], 3);
        }

        return medians;
    }

    /// <summary>How the databases differ from this baseline (collections, counts, checksums, indexes, validators); empty when they are the same.</summary>
    public async Task<List<string>> DifferencesAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        var differences = new List<string>();
        foreach (var name in Databases)
        {
            var now = (await StateOfAsync(store.GetDatabase(name), cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Collection, StringComparer.Ordinal);
            var before = Collections.Where(c => c.Database == name).ToDictionary(c => c.Collection, StringComparer.Ordinal);
            differences.AddRange(now.Keys.Where(c => !before.ContainsKey(c)).Select(c => $"{name}.{c}: exists, but did not before the run"));
            foreach (var (collection, expected) in before.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!now.TryGetValue(collection, out var actual))
                {
                    differences.Add($"{expected.Namespace}: missing (it held {expected.Count} document(s) before the run)");
                    continue;
                }

                if (actual.Count != expected.Count || actual.Checksum != expected.Checksum)
                {
                    differences.Add($"{expected.Namespace}: holds {actual.Count} document(s), checksum {actual.Checksum:x16}; before the run {expected.Count}, checksum {expected.Checksum:x16}");
                }

                if (!actual.Indexes.Equals(expected.Indexes))
                {
                    differences.Add($"{expected.Namespace}: indexes {actual.Indexes.ToJson()}; before the run {expected.Indexes.ToJson()}");
                }

                if (!actual.Validator.Equals(expected.Validator))
                {
                    differences.Add($"{expected.Namespace}: validator {actual.Validator.ToJson()}; before the run {expected.Validator.ToJson()}");
                }
            }
        }

        return differences;
    }

    public BsonDocument ToBson() => new()
    {
        { "at", At },
        { "databases", new BsonArray(Databases) },
        { "collections", new BsonArray(Collections.Select(c => c.ToBson())) },
        { "probes", new BsonDocument(ProbeMedianMs.Select(p => new BsonElement(p.Key, p.Value))) },
    };

    public static PlanBaseline FromBson(BsonDocument doc) => new(
        doc["at"].ToUniversalTime(),
        doc["databases"].AsBsonArray.Select(d => d.AsString).ToList(),
        doc["collections"].AsBsonArray.Select(c => CollectionBaseline.FromBson(c.AsBsonDocument)).ToList(),
        doc["probes"].AsBsonDocument.ToDictionary(e => e.Name, e => e.Value.ToDouble(), StringComparer.Ordinal));

    /// <summary>What identifies an index (not the server's bookkeeping such as <c>v</c> or <c>ns</c>).</summary>
    private static BsonDocument IndexSpec(BsonDocument index)
    {
        var spec = new BsonDocument();
        foreach (var field in new[] { "name", "key", "unique", "sparse", "partialFilterExpression", "expireAfterSeconds", "collation" })
        {
            if (index.TryGetValue(field, out var value))
            {
                spec[field] = value;
            }
        }

        return spec;
    }
}
