using System.Diagnostics;
using System.IO.Compression;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Core.Transform;
using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>
/// <c>ferry plan</c>: the steps of a migration (backup → health → transform/migrate → validate → smoke → report) with
/// estimates MEASURED on the real store: a bounded sample of each collection (spread by size) is read, turned into
/// documents and written into a scratch database (dropped afterwards), or run through the transformation rules when
/// given; the backup's read and gzip costs are timed on the same sample. Seconds per document are extrapolated with
/// the collection sizes; the confidence follows from the share timed and the spread of the batch timings.
/// </summary>
public sealed class MigrationEstimator(PlanOptions options)
{
    public const string ScratchPrefix = "_ferry_plan_";

    public async Task<MigrationPlan> EstimateAsync(IDocumentDatabase database, DatabaseAnalysis analysis, CancellationToken cancellationToken = default)
    {
        if (!PlanOptions.Types.Contains(options.Type))
        {
            throw new UserInputException($"--type {options.Type}: expected one of {string.Join(", ", PlanOptions.Types)}");
        }

        var order = analysis.DependencyOrder.Count > 0 ? analysis.DependencyOrder : analysis.Collections.Select(c => c.Name).ToList();
        var byName = analysis.Collections.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var total = Math.Max(1, analysis.TotalDocuments);
        var scratchId = Guid.NewGuid().ToString("N")[..8];
        var sampleDb = database.Store.GetDatabase(ScratchPrefix + scratchId);
        var targetDb = database.Store.GetDatabase(ScratchPrefix + scratchId + "_out");
        var timings = new List<WorkloadTiming>();
        var backup = new BackupTiming();
        IReadOnlyList<CollectionOutcome>? transformed = null;
        try
        {
            foreach (var name in order.Where(byName.ContainsKey))
            {
                var count = byName[name].Count;
                var share = Math.Min(count, Math.Max(Math.Min(count, 100), (long)Math.Ceiling((double)options.SampleSize * count / total)));
                await backup.TimeAsync(database.GetCollection(name), share, cancellationToken).ConfigureAwait(false);
                timings.Add(await SampleWorkload.RunAsync(database, options.TransformRules is null ? targetDb : sampleDb, name, share, cancellationToken).ConfigureAwait(false));
            }

            if (options.TransformRules is { } rules)
            {
                var run = await new TransformEngine(new TransformOptions { Time = options.Time }).RunAsync(sampleDb, targetDb, rules, cancellationToken).ConfigureAwait(false);
                transformed = run.Collections;
            }
        }
        finally
        {
            await database.Store.DropDatabaseAsync(sampleDb.Name, CancellationToken.None).ConfigureAwait(false);
            await database.Store.DropDatabaseAsync(targetDb.Name, CancellationToken.None).ConfigureAwait(false);
        }

        var ping = Stopwatch.StartNew();
        await database.RunCommandAsync(new BsonDocument("ping", 1), cancellationToken).ConfigureAwait(false);
        var roundTrip = ping.Elapsed.TotalSeconds;

        var sampled = timings.Sum(t => t.Documents);
        var steps = new List<PlanStep>
        {
            BackupStep(analysis, backup),
            new("health", "health", 1 + (10 * roundTrip), $"a dozen checks: {roundTrip * 1000:0.0} ms per round trip measured, plus file and disk checks"),
            WorkStep(analysis, timings, transformed, sampled),
            ValidateStep(analysis, backup),
            new("smoke", "smoke", 2 + (order.Count * 4 * roundTrip), "a few reads per collection on the migrated data"),
            new("report", "report", 1, "writing the run report"),
        };

        var (confidence, uncertainty, reason) = Confidence(sampled, analysis.TotalDocuments, timings);
        var estimate = steps.Sum(s => s.Seconds);
        var (stop, stopReason) = ApplicationStop(options.Type);
        var cores = Environment.ProcessorCount;
        return new MigrationPlan(options.Type, database.Name, steps)
        {
            Confidence = confidence,
            Uncertainty = uncertainty,
            ConfidenceReason = reason,
            DependencyOrder = order,
            Documents = analysis.TotalDocuments,
            SampledDocuments = sampled,
            DataSize = analysis.TotalDataSize,
            BackupBytes = analysis.TotalDataSize,
            BackupGzipBytes = (long)Math.Ceiling(analysis.TotalDataSize * backup.GzipRatio),
            // One batch of the largest documents per partition in flight, twice (read and write side), over a runtime baseline.
            MemoryBytes = (256L << 20) + (2L * cores * SampleWorkload.BatchSize * Math.Max(1024, analysis.Collections.Select(c => Math.Max(c.MaxDocumentSize, c.AverageDocumentSize)).DefaultIfEmpty(0).Max())),
            Cores = cores,
            Window = TimeSpan.FromMinutes(Math.Ceiling(estimate * (1 + uncertainty) * options.Margin / 60)),
            ApplicationStop = stop,
            ApplicationStopReason = stopReason,
            PlannedAt = options.Time.GetUtcNow(),
        };
    }

    private static PlanStep BackupStep(DatabaseAnalysis analysis, BackupTiming backup)
    {
        var perByteRead = backup.Bytes == 0 ? 0 : backup.ReadSeconds / backup.Bytes;
        var perByteGzip = backup.Bytes == 0 ? 0 : backup.GzipSeconds / backup.Bytes;
        return new PlanStep("backup", "backup", analysis.TotalDataSize * (perByteRead + perByteGzip),
            $"read and gzip timed on {backup.Documents:N0} documents ({backup.Bytes:N0} bytes), compression ratio {backup.GzipRatio:0.00}")
        {
            Options = new BsonDocument { { "gzip", true } },
        };
    }

    private PlanStep WorkStep(DatabaseAnalysis analysis, List<WorkloadTiming> timings, IReadOnlyList<CollectionOutcome>? transformed, long sampled)
    {
        var byName = analysis.Collections.ToDictionary(c => c.Name, StringComparer.Ordinal);

        // With rules, the transform's own per-collection rate replaces the plain rewrite (hashing passwords costs
        // far more per user than copying a report); collections the rules do not touch are not part of the step.
        var estimates = timings.Select(timing =>
        {
            var count = byName[timing.Collection].Count;
            if (transformed is null)
            {
                return new CollectionEstimate(timing.Collection, count, timing.Documents, count * timing.SecondsPerDocument);
            }

            var outcomes = transformed.Where(o => o.Source == timing.Collection && o.DocumentsPerSecond > 0).ToList();
            return new CollectionEstimate(timing.Collection, count, timing.Documents, outcomes.Sum(o => count / o.DocumentsPerSecond));
        }).ToList();
        var (name, verb, basis, stepOptions) = options.Type switch
        {
            ComplexityScorer.DemoToProd or ComplexityScorer.Format when options.TransformRules is not null =>
                ("transform", "transform", $"the rules run on a {sampled:N0}-document sample in a scratch database, extrapolated by collection size",
                    new BsonDocument { { "rules", (BsonValue?)options.RulesPath ?? BsonNull.Value }, { "target_db", analysis.Database + "_prod" } }),
            ComplexityScorer.DemoToProd or ComplexityScorer.Format =>
                ("transform", "transform", $"read, rewrite and write timed on {sampled:N0} documents in a scratch database (no --rules: a plain rewrite), extrapolated by collection size",
                    new BsonDocument { { "rules", (BsonValue?)options.RulesPath ?? BsonNull.Value }, { "target_db", analysis.Database + "_prod" } }),
            _ =>
                ("migrate", "migrate", $"{options.PendingMigrations} pending migration(s); a rewrite of every document timed on {sampled:N0} documents (an upper bound: most migrations touch fewer)",
                    new BsonDocument { { "migrations", (BsonValue?)options.MigrationsDirectory ?? BsonNull.Value } }),
        };
        return new PlanStep(name, verb, estimates.Sum(e => e.Seconds), basis) { Options = stepOptions, Collections = estimates };
    }

    private PlanStep ValidateStep(DatabaseAnalysis analysis, BackupTiming backup)
    {
        // One streaming pass over every document, plus one projected pass over each referenced collection (key sets).
        var perDocument = backup.Documents == 0 ? 0 : backup.ReadSeconds / backup.Documents;
        var referenced = analysis.References.Select(r => r.Target).Distinct().Sum(t => analysis.Collections.FirstOrDefault(c => c.Name == t)?.Count ?? 0);
        return new PlanStep("validate", "validate", (analysis.TotalDocuments + referenced) * perDocument,
            $"a read pass ({perDocument * 1e6:0.0} µs per document measured) over every document and each referenced collection")
        {
            Options = new BsonDocument("rules", (BsonValue?)options.ValidationRulesPath ?? BsonNull.Value),
        };
    }

    private static (string Level, double Uncertainty, string Reason) Confidence(long sampled, long total, List<WorkloadTiming> timings)
    {
        var share = total == 0 ? 1 : (double)sampled / total;
        var variation = timings.Where(t => t.BatchSeconds.Count >= 2).Select(t => t.Variation).DefaultIfEmpty(1).Average();
        var reason = $"{sampled:N0} of {total:N0} documents timed ({share:P1}); batch times vary by {variation:P0}";
        return share >= 0.1 && sampled >= 5000 && variation < 0.35 ? ("high", 0.25, reason)
            : sampled >= 1000 && variation < 0.7 ? ("medium", 0.5, reason)
            : ("low", 1.0, reason);
    }

    private static (string Stop, string Reason) ApplicationStop(string type) => type switch
    {
        ComplexityScorer.DemoToProd => ("required", "the data is replaced system-wide: writes during the run would be lost (the guide: planned maintenance window)"),
        ComplexityScorer.Schema => ("brief", "the schema changes under the application: stop it for the switch-over to the version that expects the new schema"),
        ComplexityScorer.Format => ("not required", "formats change batch by batch without a schema change; can run online"),
        _ => ("required", "the whole system's data moves (the guide: extended maintenance window)"),
    };

    /// <summary>Times what a backup does per document: reading the raw bytes, and compressing them (gzip, default level).</summary>
    private sealed class BackupTiming
    {
        public long Documents { get; private set; }

        public long Bytes { get; private set; }

        public long GzipBytes { get; private set; }

        public double ReadSeconds { get; private set; }

        public double GzipSeconds { get; private set; }

        public double GzipRatio => Bytes == 0 ? 1 : (double)GzipBytes / Bytes;

        public async Task TimeAsync(IDocumentCollection collection, long limit, CancellationToken cancellationToken)
        {
            var buffer = new MemoryStream();
            var gzipBefore = GzipSeconds;
            var read = Stopwatch.StartNew();
            await foreach (var raw in collection.ScanAsync(new ScanOptions { Limit = limit }, cancellationToken).ConfigureAwait(false))
            {
                using (raw)
                {
                    var bytes = new byte[raw.Slice.Length];
                    raw.Slice.GetBytes(0, bytes, 0, bytes.Length);
                    buffer.Write(bytes);
                    Documents++;
                }

                if (buffer.Length > 4 << 20)
                {
                    Compress(buffer);
                }
            }

            ReadSeconds += read.Elapsed.TotalSeconds - (GzipSeconds - gzipBefore);
            Compress(buffer);
        }

        /// <summary>Gzips what was read so far (bounded to a few MiB at a time) and counts the compressed bytes.</summary>
        private void Compress(MemoryStream buffer)
        {
            var clock = Stopwatch.StartNew();
            var counter = new MemoryStream();
            using (var gzip = new GZipStream(counter, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            }

            GzipSeconds += clock.Elapsed.TotalSeconds;
            Bytes += buffer.Length;
            GzipBytes += counter.Length;
            buffer.SetLength(0);
        }
    }
}
