using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Doctor;

/// <summary>
/// <c>ferry doctor integrity</c>: finds duplicates (by the rules' unique keys) and orphans (by their references) and,
/// with fix, repairs without loss. Duplicates are merged by keeping the oldest document (smallest created_at, then
/// smallest _id): references to the others are re-pointed to it, then the others are quarantined. Orphans are then
/// quarantined, round after round, since a quarantined parent orphans its children. Every removal is preceded by a
/// copy in <c>_ferry_quarantine</c> under this run's id; <c>doctor restore-quarantine --run ID</c> puts them back.
/// </summary>
public sealed class IntegrityDoctor(DoctorOptions options)
{
    private const int Batch = 500;

    public async Task<IntegrityReport> RunAsync(IDocumentDatabase db, RuleSet rules, CancellationToken cancellationToken = default)
    {
        var runId = options.RunId ?? $"doctor-{options.Time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var write = options.Fix && !options.DryRun;

        // A repair decides from what it reads, so it holds the lock from the first read: two repairs at once would
        // both find the same duplicates and orphans and fight over them.
        await using var runLock = write ? await DatabaseRunLock.AcquireAsync(db, "doctor integrity --fix", runId, options.Lock, cancellationToken).ConfigureAwait(false) : null;
        if (!write)
        {
            return await CheckAsync(db, rules, runId, write, cancellationToken).ConfigureAwait(false);
        }

        // A repair is a run in the journal (kind "doctor"); a stop request abandons it between writes, and running
        // the repair again finishes it (it finds what is left). Running it again after a kill or a stop resumes that
        // unfinished repair under its own run id: the quarantine is keyed by run, so a document quarantined before the
        // kill is not quarantined twice, and restore-quarantine --run of that one id undoes the whole repair.
        var unfinished = options.RunId is null ? await UnfinishedRepairAsync(db, cancellationToken).ConfigureAwait(false) : null;
        await using var run = unfinished is not null
            ? await JournaledRun.ResumeAsync(db, unfinished, options.Time, cancellationToken).ConfigureAwait(false)
            : await JournaledRun.StartAsync(db, runId, "doctor", new BsonDocument
            {
                { "database", db.Name },
                { "store", db.Store.DisplayUri },
                { "fix", true },
                { "max_cascade_rounds", options.MaxCascadeRounds },
            }, options.Time, cancellationToken).ConfigureAwait(false);
        runId = run.RunId;
        try
        {
            var report = await CheckAsync(db, rules, runId, write, run.Token).ConfigureAwait(false);
            foreach (var collection in report.Findings.GroupBy(f => f.Collection, StringComparer.Ordinal))
            {
                var quarantined = collection.LongCount(f => f.Action is "quarantined" or "merged");
                var repointed = collection.LongCount(f => f.Action == "repointed");
                run.Track(collection.Key, new CollectionProgress(collection.LongCount(), collection.LongCount(), repointed, quarantined));
            }

            await run.CompleteAsync().ConfigureAwait(false);
            return report;
        }
        catch (Exception) when (run.StopRequested && !cancellationToken.IsCancellationRequested)
        {
            throw await run.StoppedAsync("run ferry doctor integrity --fix again to repair what is left").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await run.FailedAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The latest repair of this database that never finished (killed: still "running" though this process now holds the
    /// lock; or stopped on request), or null.
    /// </summary>
    private static async Task<string?> UnfinishedRepairAsync(IDocumentDatabase db, CancellationToken cancellationToken)
    {
        string? latest = null;
        await foreach (var run in new RunJournal(db).ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (run["kind"].AsString == "doctor" && run["status"].AsString is RunStatus.Running or RunStatus.Stopped)
            {
                latest = run["_id"].AsString;
            }
        }

        return latest;
    }

    private async Task<IntegrityReport> CheckAsync(IDocumentDatabase db, RuleSet rules, string runId, bool write, CancellationToken cancellationToken)
    {
        var quarantine = new QuarantineStore(db, options.Time);
        var removed = new RemovedSet();
        var findings = new List<IntegrityFinding>();

        foreach (var unique in rules.Collections.SelectMany(c => c.Unique))
        {
            var merges = await DuplicateFinder.FindAsync(db.GetCollection(unique.Collection), unique, cancellationToken).ConfigureAwait(false);
            foreach (var merge in merges)
            {
                findings.Add(new IntegrityFinding("duplicate", unique.Collection, merge.Duplicate, $"same {string.Join(",", unique.Fields)} as {merge.Kept}", options.Fix ? "merged" : "none"));
            }

            if (options.Fix && merges.Count > 0)
            {
                var repointed = await RepointAsync(db, rules, unique.Collection, merges, write, cancellationToken).ConfigureAwait(false);
                findings.AddRange(repointed);
                await RemoveAsync(db, quarantine, runId, unique.Collection, merges.Select(m => m.Duplicate).ToList(), _ => $"duplicate merged into its oldest twin", removed, write, cancellationToken, merged: true).ConfigureAwait(false);
            }
        }

        var references = rules.Collections.SelectMany(c => c.References).ToList();
        for (var round = 0; round < (options.Fix ? options.MaxCascadeRounds : 1); round++)
        {
            // Each round judges against what was removed before it, and removes only after every reference is checked,
            // so direct orphans and their orphaned children are told apart (round 0 orphans, later rounds cascades).
            var removedBeforeRound = removed.Snapshot();
            var orphansThisRound = 0;
            var toRemove = new List<(ReferenceRule Reference, List<BsonValue> Ids)>();
            var targetSets = new Dictionary<(string, string), HashSet<UInt128>>(); // one pass per referenced field per round
            foreach (var reference in references)
            {
                var key = (reference.TargetCollection, reference.TargetField);
                if (!targetSets.TryGetValue(key, out var targets))
                {
                    targetSets[key] = targets = await TargetKeysAsync(db, reference, removedBeforeRound, cancellationToken).ConfigureAwait(false);
                }

                var orphans = await FindOrphansAsync(db, reference, targets, removedBeforeRound, cancellationToken).ConfigureAwait(false);
                orphansThisRound += orphans.Count;
                foreach (var (id, value) in orphans)
                {
                    var detail = round == 0 ? $"{reference.Field} {value} not in {reference.TargetCollection}.{reference.TargetField}" : $"{reference.Field} {value} pointed at a quarantined {reference.TargetCollection} document";
                    findings.Add(new IntegrityFinding(round == 0 ? "orphan" : "orphan_cascade", reference.Collection, id, detail, options.Fix ? "quarantined" : "none"));
                }

                toRemove.Add((reference, orphans.Select(o => o.Id).ToList()));
            }

            if (options.Fix)
            {
                foreach (var (reference, ids) in toRemove)
                {
                    await RemoveAsync(db, quarantine, runId, reference.Collection, ids, _ => $"orphan: {reference.Id}", removed, write, cancellationToken).ConfigureAwait(false);
                }
            }

            if (orphansThisRound == 0)
            {
                break;
            }
        }

        return new IntegrityReport(runId, write, options.DryRun, findings, findings.Count);
    }

    /// <summary>Re-points every reference to a merged duplicate at the document kept in its place.</summary>
    private static async Task<List<IntegrityFinding>> RepointAsync(IDocumentDatabase db, RuleSet rules, string collection, IReadOnlyList<DuplicateMerge> merges, bool write, CancellationToken cancellationToken)
    {
        var findings = new List<IntegrityFinding>();
        foreach (var reference in rules.Collections.SelectMany(c => c.References).Where(r => r.TargetCollection == collection && r.TargetField == "_id"))
        {
            var source = db.GetCollection(reference.Collection);
            foreach (var merge in merges)
            {
                var filter = new BsonDocument(reference.Field, merge.Duplicate);
                await foreach (var doc in source.FindAsync(filter, new FindOptions { Projection = new BsonDocument("_id", 1) }, cancellationToken).ConfigureAwait(false))
                {
                    findings.Add(new IntegrityFinding("repointed", reference.Collection, doc["_id"], $"{reference.Field} {merge.Duplicate} → {merge.Kept}", "repointed"));
                }

                if (write)
                {
                    // Scalar references first, then references inside arrays (arrayFilters), so neither form is missed.
                    var scalar = new BsonDocument { { reference.Field, merge.Duplicate }, { reference.Field + ".0", new BsonDocument("$exists", false) } };
                    await source.BulkWriteAsync(
                    [
                        new UpdateRequest(scalar, new BsonDocument("$set", new BsonDocument(reference.Field, merge.Kept)), IsMulti: true),
                        new UpdateRequest(filter, new BsonDocument("$set", new BsonDocument(reference.Field + ".$[dup]", merge.Kept)), IsMulti: true)
                        {
                            ArrayFilters = [new BsonDocument("dup", merge.Duplicate)],
                        },
                    ], new BulkWriteOptions { IsOrdered = true }, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return findings;
    }

    /// <summary>Fingerprints of the values the referenced field holds, leaving out documents removed before this round.</summary>
    private static async Task<HashSet<UInt128>> TargetKeysAsync(IDocumentDatabase db, ReferenceRule reference, RemovedSet removed, CancellationToken cancellationToken)
    {
        var targets = new HashSet<UInt128>();
        var targetScan = new ScanOptions { Projection = new BsonDocument(reference.TargetField, 1) };
        await foreach (var raw in db.GetCollection(reference.TargetCollection).ScanAsync(targetScan, cancellationToken).ConfigureAwait(false))
        {
            using (raw)
            {
                // A merged duplicate still resolves: references to it are re-pointed to its twin (in a dry run, would be).
                if (!removed.Contains(reference.TargetCollection, raw["_id"], includeMerged: false) && Paths.Get(raw, reference.TargetField) is { } key)
                {
                    targets.Add(KeyFingerprint.Of(key));
                }
            }
        }

        return targets;
    }

    private static async Task<List<(BsonValue Id, BsonValue Value)>> FindOrphansAsync(IDocumentDatabase db, ReferenceRule reference, HashSet<UInt128> targets, RemovedSet removed, CancellationToken cancellationToken)
    {
        var orphans = new List<(BsonValue, BsonValue)>();
        var sourceScan = new ScanOptions { Projection = new BsonDocument(reference.Field, 1) };
        await foreach (var raw in db.GetCollection(reference.Collection).ScanAsync(sourceScan, cancellationToken).ConfigureAwait(false))
        {
            using (raw)
            {
                var id = raw["_id"];
                if (removed.Contains(reference.Collection, id))
                {
                    continue;
                }

                var value = Paths.Get(raw, reference.Field);
                var dangling = value switch
                {
                    null => false,
                    BsonNull => !reference.AllowNull,
                    BsonArray array => array.Any(v => !targets.Contains(KeyFingerprint.Of(v))),
                    _ => !targets.Contains(KeyFingerprint.Of(value)),
                };
                if (dangling)
                {
                    orphans.Add((id, value!));
                }
            }
        }

        return orphans;
    }

    /// <summary>Copies documents to quarantine, then deletes them (when writing); records them as removed either way.</summary>
    private static async Task RemoveAsync(IDocumentDatabase db, QuarantineStore quarantine, string runId, string collection, IReadOnlyList<BsonValue> ids, Func<BsonValue, string> reason, RemovedSet removed, bool write, CancellationToken cancellationToken, bool merged = false)
    {
        foreach (var chunk in ids.Chunk(Batch))
        {
            foreach (var id in chunk)
            {
                removed.Add(collection, id, merged);
            }

            if (!write)
            {
                continue;
            }

            var source = db.GetCollection(collection);
            var docs = new List<(BsonDocument, string)>();
            await foreach (var doc in source.FindAsync(new BsonDocument("_id", new BsonDocument("$in", new BsonArray(chunk))), null, cancellationToken).ConfigureAwait(false))
            {
                docs.Add((doc, reason(doc["_id"])));
            }

            if (docs.Count == 0)
            {
                continue; // gone since they were found: nothing to copy or delete (an empty bulk write is an error)
            }

            await quarantine.PutAsync(runId, collection, docs, cancellationToken: cancellationToken).ConfigureAwait(false);
            await source.BulkWriteAsync(docs.Select(d => (WriteRequest)new DeleteRequest(new BsonDocument("_id", d.Item1["_id"]))).ToList(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ids removed (or, in a dry run, that would be) per collection, as fingerprints.</summary>
    private sealed class RemovedSet
    {
        private readonly Dictionary<string, HashSet<UInt128>> _ids = [];
        private readonly Dictionary<string, HashSet<UInt128>> _merged = [];

        public void Add(string collection, BsonValue id, bool merged = false)
        {
            var sets = merged ? _merged : _ids;
            if (!sets.TryGetValue(collection, out var set))
            {
                sets[collection] = set = [];
            }

            set.Add(KeyFingerprint.Of(id));
        }

        public bool Contains(string collection, BsonValue id, bool includeMerged = true)
        {
            var key = KeyFingerprint.Of(id);
            return (_ids.TryGetValue(collection, out var set) && set.Contains(key))
                || (includeMerged && _merged.TryGetValue(collection, out var merged) && merged.Contains(key));
        }

        public RemovedSet Snapshot()
        {
            var copy = new RemovedSet();
            foreach (var (collection, ids) in _ids)
            {
                copy._ids[collection] = [.. ids];
            }

            foreach (var (collection, ids) in _merged)
            {
                copy._merged[collection] = [.. ids];
            }

            return copy;
        }
    }
}
