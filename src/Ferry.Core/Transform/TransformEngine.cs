using System.Diagnostics;
using System.Security.Cryptography;
using Ferry.Core.Errors;
using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Transform.Rules;
using Ferry.Core.Validation;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>
/// Runs transformation rules from a source database into a target database as a journaled, resumable run.
/// Per target collection (in dependency order) the source is split into partitions read in parallel; each partition
/// streams batches through transform (password hashing spread over all cores) into idempotent writes — id map first,
/// then documents upserted by their deterministic ids, then quarantine entries — and only then checkpoints the batch's
/// last source <c>_id</c>. A run killed anywhere resumes from its checkpoints to the same final target.
/// </summary>
public sealed class TransformEngine(TransformOptions options)
{
    public async Task<TransformResult> RunAsync(IDocumentDatabase source, IDocumentDatabase target, TransformRules rules, CancellationToken cancellationToken = default)
    {
        if (target.Name == source.Name && target.Store.DisplayUri == source.Store.DisplayUri)
        {
            throw new UserInputException($"target database {target.Name} is the source database (a transform never rewrites its source); choose another target database");
        }

        if (options.ResumeRunId is null)
        {
            // A resume checks its source against the one the run recorded instead (a more helpful message).
            await TransformSources.RequireAsync(source, rules, cancellationToken).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        var journal = new RunJournal(target, options.Time);
        if (options.ResumeRunId is { } resumed && await journal.GetAsync(resumed, cancellationToken).ConfigureAwait(false) is null)
        {
            // Before the lock: taking it would create the target database of a mistyped run id.
            throw new UserInputException($"--resume {resumed}: no such run in {target.Name}.{RunJournal.CollectionName}");
        }
        var freshRunId = $"transform-{options.Time.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

        // The target's lock comes before anything is written (the journal entry included), so a second transform,
        // or a migration, into the same database is refused instead of interleaving with this run.
        await using var runLock = options.DryRun ? null
            : await DatabaseRunLock.AcquireAsync(target, "transform", options.ResumeRunId ?? freshRunId, options.Lock, cancellationToken).ConfigureAwait(false);
        var context = options.DryRun
            ? RunContext.ForDryRun(options.Time)
            : options.ResumeRunId is { } resume
                ? RunContext.FromJournal(await ResumeAsync(journal, resume, source, rules, cancellationToken).ConfigureAwait(false))
                : await StartAsync(freshRunId, source, target, rules, journal, cancellationToken).ConfigureAwait(false);

        // A stop request cancels the batches in flight within about a second (a bcrypt batch can take half a minute):
        // they were never checkpointed, so a resume redoes them.
        await using var stopWatcher = options.DryRun ? null : RunStopWatcher.Start(journal, context.RunId, cancellationToken);
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runLock?.Lost ?? CancellationToken.None, stopWatcher?.Token ?? CancellationToken.None);

        var references = ReferenceResolver.For(rules);
        var outcomes = new List<CollectionOutcome>();
        var samples = new List<DryRunSample>();
        var status = RunStatus.Completed;
        try
        {
            foreach (var mapping in rules.Collections)
            {
                if (context.CompletedCollections.Contains(mapping.Target))
                {
                    outcomes.Add(await FinalCountsAsync(target, mapping, context, cancellationToken).ConfigureAwait(false));
                    continue;
                }

                var worker = new CollectionRun(source, target, mapping, rules.Hashing, context, journal, options, references, samples);
                var (outcome, stopped) = await worker.RunAsync(guard.Token).ConfigureAwait(false);
                outcomes.Add(outcome);
                if (stopped)
                {
                    status = RunStatus.Stopped;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (runLock is { Lost.IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            var message = $"{target.Name}: the run lock is no longer this run's (its lease expired and another run took it over); stopped, resume with --resume {context.RunId}";
            await journal.ErrorAsync(context.RunId, new BsonDocument { { "at", options.Time.GetUtcNow().UtcDateTime }, { "message", message } }, CancellationToken.None).ConfigureAwait(false);
            await journal.FinishAsync(context.RunId, RunStatus.Failed, message, CancellationToken.None).ConfigureAwait(false);
            throw new OperationFailedException(message);
        }
        catch (Exception) when (stopWatcher is { StopRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            // However the abandoned batch surfaced the cancellation (cancelled, or a store call it interrupted), it
            // was the stop: the batch was never checkpointed, so a resume redoes it.
            status = RunStatus.Stopped;
        }
        catch (OperationCanceledException)
        {
            if (!options.DryRun)
            {
                await journal.FinishAsync(context.RunId, RunStatus.Stopped, "cancelled", CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
        catch (Exception e) when (!options.DryRun)
        {
            await journal.ErrorAsync(context.RunId, new BsonDocument { { "at", options.Time.GetUtcNow().UtcDateTime }, { "message", e.Message } }, CancellationToken.None).ConfigureAwait(false);
            await journal.FinishAsync(context.RunId, RunStatus.Failed, e.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (!options.DryRun)
        {
            await journal.FinishAsync(context.RunId, status, status == RunStatus.Stopped ? "stop requested; the batch in progress was abandoned (a resume redoes it)" : null, CancellationToken.None).ConfigureAwait(false);
        }

        return new TransformResult(context.RunId, options.DryRun ? "dry_run" : status, options.DryRun, outcomes, clock.Elapsed) { Samples = samples, LockNotice = runLock?.Notice };
    }

    private async Task<RunContext> StartAsync(string runId, IDocumentDatabase source, IDocumentDatabase target, TransformRules rules, RunJournal journal, CancellationToken cancellationToken)
    {
        // A fresh run into non-empty target collections would mix two runs' documents: refuse, say how to proceed.
        foreach (var mapping in rules.Collections)
        {
            if (await target.GetCollection(mapping.Target).EstimatedCountAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                throw new UserInputException($"target {target.Name}.{mapping.Target} is not empty; resume the run that filled it (--resume RUN) or empty it first (back it up: ferry backup create)");
            }
        }

        var now = options.Time.GetUtcNow().UtcDateTime;
        var secret = RandomNumberGenerator.GetBytes(32);
        await journal.StartAsync(runId, "transform", new BsonDocument
        {
            { "rules", rules.Source },
            { "rules_sha256", rules.Checksum },
            { "source_db", source.Name },
            { "source", source.Store.DisplayUri },
            { "target_db", target.Name },
            { "now", now },
            { "hash_salt_key", new BsonBinaryData(secret) },
            { "batch_size", options.BatchSize },
            { "id_scheme", DeterministicIds.Scheme },
        }, cancellationToken).ConfigureAwait(false);
        return new RunContext(runId, now, secret, new BsonDocument(), new BsonDocument(), []);
    }

    /// <summary>
    /// Reopens a run, refusing — before anything changes — one that would not continue the same work: other rules,
    /// another source database (its checkpoints would skip documents), or new ids made by another scheme.
    /// </summary>
    private static async Task<BsonDocument> ResumeAsync(RunJournal journal, string runId, IDocumentDatabase source, TransformRules rules, CancellationToken cancellationToken)
    {
        if (await journal.GetAsync(runId, cancellationToken).ConfigureAwait(false) is { } run)
        {
            var spec = run.GetValue("spec", new BsonDocument()).AsBsonDocument;
            var scheme = spec.GetValue("id_scheme", 1).ToInt32();
            var refusal = scheme != DeterministicIds.Scheme
                ? $"the run was started by a Ferry that makes new ids differently (id scheme {scheme}, this one uses {DeterministicIds.Scheme}); finish it with that version, or empty its target collections and start a new run"
                : spec.GetValue("rules_sha256", BsonNull.Value) is BsonString recorded && recorded.Value != rules.Checksum
                    ? $"the rules differ from those the run started with (SHA-256 {Short(recorded.Value)}, now {Short(rules.Checksum)}); resume with the original rules, or empty the target collections and start a new run"
                    : spec.GetValue("source_db", BsonNull.Value) is BsonString db && db.Value != source.Name
                        ? $"the run read source database {db.Value}, not {source.Name}; resume with --source-db {db.Value}"
                        : null;
            if (refusal is not null)
            {
                throw new UserInputException($"--resume {runId}: {refusal}");
            }
        }

        await journal.ResumeAsync(runId, cancellationToken).ConfigureAwait(false);
        return await journal.ReadWithSecretsAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException($"--resume {runId}: the run left {RunJournal.CollectionName} while resuming");

        static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] + "…" : checksum;
    }

    /// <summary>Counts of a collection a resumed run had already finished (no documents/s: nothing was processed now).</summary>
    private static async Task<CollectionOutcome> FinalCountsAsync(IDocumentDatabase target, CollectionMapping mapping, RunContext context, CancellationToken cancellationToken)
    {
        var written = await target.GetCollection(mapping.Target).CountAsync(null, cancellationToken).ConfigureAwait(false);
        var quarantined = await new QuarantineStore(target).CountAsync(context.RunId, mapping.SourceCollection, cancellationToken).ConfigureAwait(false);
        return new CollectionOutcome(mapping.Target, mapping.SourceCollection, written + quarantined, written, quarantined, 0);
    }

    /// <summary>What a run carries across collections and resumes: id, clock, hashing secret, checkpoints, partitions.</summary>
    internal sealed record RunContext(string RunId, DateTime Now, byte[] Secret, BsonDocument Checkpoints, BsonDocument Collections, HashSet<string> CompletedCollections)
    {
        public bool IsDryRun { get; init; }

        public static RunContext ForDryRun(TimeProvider time) =>
            new("dry-run", time.GetUtcNow().UtcDateTime, RandomNumberGenerator.GetBytes(32), new BsonDocument(), new BsonDocument(), []) { IsDryRun = true };

        public static RunContext FromJournal(BsonDocument run)
        {
            var spec = run["spec"].AsBsonDocument;
            var collections = run["collections"].AsBsonDocument;
            var completed = collections.Where(c => c.Value.AsBsonDocument.GetValue("done", false).ToBoolean()).Select(c => c.Name).ToHashSet();
            return new RunContext(run["_id"].AsString, spec["now"].ToUniversalTime(), spec["hash_salt_key"].AsByteArray, run["checkpoints"].AsBsonDocument, collections, completed);
        }
    }
}
