using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>
/// <c>ferry analyze</c>: volumes, indexes and validator per collection from the store's stats, the schema inferred
/// from a bounded random sample (<c>$sample</c>; or every document, streamed), references inferred by looking sampled
/// values up as other collections' <c>_id</c>s, the dependency order with its cycles, and complexity scores. Memory
/// is bounded by the sample and the number of field paths, never by the collection size.
/// </summary>
public sealed class DataAnalyzer(AnalyzeOptions? options = null, TimeProvider? time = null)
{
    private readonly AnalyzeOptions _options = options ?? new AnalyzeOptions();

    public async Task<DatabaseAnalysis> AnalyzeAsync(IDocumentDatabase database, CancellationToken cancellationToken = default)
    {
        var infos = await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
        var selected = Select(database.Name, infos);

        var profiles = new Dictionary<string, SchemaProfiler>(StringComparer.Ordinal);
        var measured = new List<(CollectionInfo Info, CollectionStats Stats, IReadOnlyList<IndexAnalysis> Indexes)>();
        foreach (var info in selected)
        {
            var collection = database.GetCollection(info.Name);
            var stats = await collection.GetStatsAsync(cancellationToken).ConfigureAwait(false);
            var specs = await collection.ListIndexesAsync(cancellationToken).ConfigureAwait(false);
            profiles[info.Name] = await ProfileAsync(collection, stats.Count, cancellationToken).ConfigureAwait(false);
            measured.Add((info, stats, specs.Select(s => IndexAnalysis.From(s, stats.IndexSizes)).ToList()));
        }

        var references = await new ReferenceFinder(database, _options).FindAsync(profiles, cancellationToken).ConfigureAwait(false);
        var (order, cycles) = DependencyGraph.Analyze(selected.Select(i => i.Name).ToList(), references);

        var collections = measured.Select(m =>
        {
            var profile = profiles[m.Info.Name];
            var analysis = new CollectionAnalysis(m.Info.Name, m.Stats.Count, m.Stats.DataSize, m.Stats.StorageSize, m.Stats.TotalIndexSize, m.Stats.AverageObjectSize)
            {
                MaxDocumentSize = profile.MaxDocumentBytes,
                Sampled = profile.Documents,
                LargeDocuments = profile.LargeDocuments,
                DemoMarkedDocuments = profile.DemoMarkedDocuments,
                MaxDepth = profile.MaxDepth,
                PathsTruncated = profile.PathsTruncated,
                Indexes = m.Indexes,
                Validator = m.Info.Options.TryGetValue("validator", out var validator) && validator is BsonDocument v ? v : null,
                Fields = Describe(profile),
            };
            analysis = analysis with { Complexity = ComplexityScorer.Score(analysis, references, cycles) };
            return analysis with { MigrationKinds = ComplexityScorer.Kinds(analysis) };
        }).ToList();

        return new DatabaseAnalysis(database.Name, database.Store.DisplayUri, collections, references)
        {
            DependencyOrder = order,
            Cycles = cycles,
            Complexity = ComplexityScorer.Overall(collections, cycles),
            MigrationKinds = collections.SelectMany(c => c.MigrationKinds).Select(k => k[..k.IndexOf(':', StringComparison.Ordinal)]).Distinct().ToList(),
            Sample = _options.SampleSize is { } size ? size.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all",
            AnalyzedAt = (time ?? TimeProvider.System).GetUtcNow(),
        };
    }

    private List<CollectionInfo> Select(string database, IReadOnlyList<CollectionInfo> infos)
    {
        var names = infos.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var wanted in _options.Collections.Where(w => !names.Contains(w)))
        {
            throw new UserInputException($"--collections {wanted}: no collection '{wanted}' in database '{database}'");
        }

        return _options.Collections.Count > 0
            ? infos.Where(i => _options.Collections.Contains(i.Name)).ToList()
            : infos.Where(i => i.Type != "view" && !i.Name.StartsWith("_ferry", StringComparison.Ordinal) && !i.Name.StartsWith("system.", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A uniform random sample through <c>$sample</c> when the collection is larger than the sample; otherwise
    /// (and with no sample size) a streamed scan of every document.</summary>
    private async Task<SchemaProfiler> ProfileAsync(IDocumentCollection collection, long count, CancellationToken cancellationToken)
    {
        var profiler = new SchemaProfiler(_options);
        if (_options.SampleSize is { } size && count > size)
        {
            var pipeline = new BsonArray { new BsonDocument("$sample", new BsonDocument("size", size)) };
            await foreach (var document in collection.AggregateAsync(pipeline, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                profiler.Add(document, document.ToBson().LongLength);
            }
        }
        else
        {
            await foreach (var raw in collection.ScanAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                using (raw)
                {
                    profiler.Add(raw, raw.Slice.Length);
                }
            }
        }

        return profiler;
    }

    private static List<FieldAnalysis> Describe(SchemaProfiler profile)
    {
        var sampled = Math.Max(1, profile.Documents);
        var byPath = profile.Fields.ToDictionary(f => f.Path, StringComparer.Ordinal);
        // Element paths (tags[]) are shown as their array's element types; paths inside them (items[].sku) are fields.
        return profile.Fields.Where(f => !f.IsArrayElement).OrderBy(f => f.Path, StringComparer.Ordinal).Select(f =>
        {
            var secret = SecretFields.LooksSecret(f.Path);
            var elements = byPath.GetValueOrDefault(f.Path + "[]");
            return new FieldAnalysis(f.Path, f.Documents, (double)f.Documents / sampled, Shares(f, sampled))
            {
                Always = f.Documents == profile.Documents,
                ArrayElementTypes = elements is null ? [] : Shares(elements, sampled),
                Examples = secret ? (f.Examples.Count > 0 ? [SecretFields.Redacted] : []) : f.Examples,
                Values = secret || f.StringValues is null || f.StringValues.Count == 0 ? null : f.StringValues.Keys.Order(StringComparer.Ordinal).ToList(),
                Secret = secret,
            };
        }).ToList();
    }

    private static List<TypeShare> Shares(FieldProfile field, long sampled) =>
        field.TypeNames.Zip(field.TypeDocuments.OrderByDescending(p => p.Value).ThenBy(p => p.Key))
            .Select(p => new TypeShare(p.First, p.Second.Value, (double)p.Second.Value / sampled)).ToList();
}
