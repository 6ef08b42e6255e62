using Ferry.Core.Errors;
using Ferry.Core.Hooks;
using Ferry.Core.Migrations;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>
/// Runs a plan as one run in <c>_ferry_runs</c> of the plan's database (kind <c>plan</c>, a record per step in
/// <c>steps</c>). Before the first data step it records the baseline; after every step from then on it judges the
/// thresholds; a crossing, or a failed step once data steps have begun, rolls the run back with
/// <see cref="PlanRollback"/> to the backup taken before the first data step. Killed at any point, the run resumes
/// with <see cref="PlanRunOptions.ResumeRunId"/>: completed steps are skipped, the interrupted one resumes as its
/// verb does (a transform continues its own run from its checkpoints; a backup is taken again; the others rerun),
/// and an interrupted rollback is done again.
/// </summary>
public sealed class PlanRunner(IDocumentStore store, PlanRunOptions options)
{
    public const string Kind = "plan";

    private PlanRunOptions Options => options;

    public async Task<PlanRunResult> RunAsync(Plan plan, string database, CancellationToken cancellationToken = default)
    {
        if (options.Until is { } until && plan.Steps.All(s => s.Name != until))
        {
            throw new UserInputException($"--until {until}: the plan has no such step; its steps are: {string.Join(", ", plan.Steps.Select(s => s.Name))}");
        }

        if (options.MigrationScripts is null && plan.Steps.Any(s => s.Verb == PlanVerbs.Migrate))
        {
            throw new InvalidOperationException("the plan has a migrate step but no migration script host was given");
        }

        if (options.DryRun)
        {
            return await DryRunAsync(plan, database, cancellationToken).ConfigureAwait(false);
        }

        var runId = options.ResumeRunId ?? "plan-" + new MigrationEnvironment { Time = options.Time }.NewRunId();
        await using var planLock = await AcquirePlanLockAsync(plan, database, runId, cancellationToken).ConfigureAwait(false);
        var journal = new RunJournal(store.GetDatabase(database), options.Time);
        var state = options.ResumeRunId is { } resume
            ? await ResumeAsync(journal, plan, resume, cancellationToken).ConfigureAwait(false)
            : await StartAsync(journal, plan, database, runId, cancellationToken).ConfigureAwait(false);
        var context = new PlanStepContext(store, plan, database, state.RunId, options);
        var watch = new PlanWatch(state.RunId, plan.Thresholds, journal);
        using var subscription = RunEvents.Subscribe(watch);
        return await new Execution(this, context, journal, state, watch).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The database's plan lock, held for the whole run (before its journal entry is written): a second plan run on
    /// the same database is refused as bad input naming the holder's run. Its steps still take the run lock as they
    /// go. A killed holder's lock is taken over once its lease has passed (<c>--wait</c> waits for that), so
    /// <c>--resume</c> of the killed run goes on.
    /// </summary>
    private async Task<DatabaseRunLock> AcquirePlanLockAsync(Plan plan, string database, string runId, CancellationToken cancellationToken)
    {
        try
        {
            return await DatabaseRunLock.AcquireAsync(store.GetDatabase(database), DatabaseRunLock.PlanLockId, Kind, runId, options.Lock, cancellationToken).ConfigureAwait(false);
        }
        catch (DatabaseLockedException e)
        {
            throw new UserInputException(
                $"{Path.GetFileName(plan.File)}: {database} is already being changed by {e.Holder}; two plan runs must not change one database at once: wait for it with --wait [SECONDS], "
                + "or if that process is gone, resume its run with --resume RUN once its lease has passed", e);
        }
    }

    private async Task<PlanRunState> StartAsync(RunJournal journal, Plan plan, string database, string runId, CancellationToken cancellationToken)
    {
        var spec = new BsonDocument
        {
            { "plan", plan.File },
            { "plan_checksum", plan.Checksum },
            { "store", UriRedactor.Redact(store.DisplayUri) },
            { "db", database },
            { "backup_root", plan.BackupRoot },
        };
        await journal.StartAsync(runId, Kind, spec, cancellationToken).ConfigureAwait(false);
        var steps = NewStepRecords(plan);
        var state = new PlanRunState(runId, steps);
        await journal.SetAsync(runId, new BsonDocument { { "steps", new BsonArray(steps) }, { "plan_hooks", new BsonDocument { { "before", false }, { "after", false } } } }, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private static List<BsonDocument> NewStepRecords(Plan plan) => plan.Steps.Select(s => new BsonDocument
    {
        { "name", s.Name },
        { "verb", s.Verb },
        { "status", "pending" },
        { "started_at", BsonNull.Value },
        { "ended_at", BsonNull.Value },
        { "duration_ms", BsonNull.Value },
        { "summary", BsonNull.Value },
        { "backup_tag", BsonNull.Value },
        { "child_run_id", BsonNull.Value },
        { "attempts", 0 },
    }).ToList();

    private static async Task<PlanRunState> ResumeAsync(RunJournal journal, Plan plan, string runId, CancellationToken cancellationToken)
    {
        var run = await journal.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException($"--resume {runId}: no such run in _ferry_runs of the plan's database");
        if (run["kind"].AsString != Kind)
        {
            throw new UserInputException($"--resume {runId}: a {run["kind"].AsString} run, not a plan run (resume it with its own verb)");
        }

        if (run["status"].AsString is RunStatus.Completed or RunStatus.RolledBack or RunStatus.RollbackFailed)
        {
            throw new UserInputException($"--resume {runId}: the run already ended {run["status"].AsString}; nothing to resume{(run["status"].AsString == RunStatus.RollbackFailed ? " (see ferry rollback)" : string.Empty)}");
        }

        if (run["spec"]["plan_checksum"].AsString != plan.Checksum)
        {
            throw new UserInputException($"--resume {runId}: {plan.File} changed since the run started; resume with the plan it started with");
        }

        await journal.ResumeAsync(runId, cancellationToken).ConfigureAwait(false);
        // A run killed between its start and its first write of the steps has none yet: nothing ran.
        var steps = run.GetValue("steps", BsonNull.Value) is BsonArray recorded ? recorded.Select(s => s.AsBsonDocument).ToList() : NewStepRecords(plan);
        return new PlanRunState(runId, steps)
        {
            Baseline = run.GetValue("baseline", BsonNull.Value) is BsonDocument b ? PlanBaseline.FromBson(b) : null,
            Expected = run.GetValue("expected", BsonNull.Value) as BsonDocument ?? new BsonDocument(),
            HooksBeforeDone = run.GetValue("plan_hooks", new BsonDocument("before", false))["before"].ToBoolean(),
            RollbackReason = run.GetValue("rollback", BsonNull.Value) is BsonDocument r && r["status"].AsString == RunStatus.Running ? r["reason"].AsString : null,
        };
    }

    private async Task<PlanRunResult> DryRunAsync(Plan plan, string database, CancellationToken cancellationToken)
    {
        var context = new PlanStepContext(store, plan, database, "dry-run", options);
        var records = new List<BsonDocument>();
        foreach (var hook in plan.Hooks.Before)
        {
            Report(hook.Name, 0, plan.Steps.Count, "dry_run", $"would run hook: {UriRedactor.RedactText(hook.Display)}");
        }

        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var outcome = await RunStepAsync(context, step, null, cancellationToken).ConfigureAwait(false);
            Report(step.Name, i + 1, plan.Steps.Count, outcome.Succeeded ? "dry_run" : "would_fail", outcome.Summary);
            records.Add(new BsonDocument { { "name", step.Name }, { "verb", step.Verb }, { "status", outcome.Succeeded ? "dry_run" : "would_fail" }, { "summary", UriRedactor.RedactText(outcome.Summary) } });
            if (step.Name == options.Until)
            {
                break;
            }
        }

        return new PlanRunResult("dry-run", PlanRunResult.DryRunStatus, true, records);
    }

    private static async Task<PlanStepOutcome> RunStepAsync(PlanStepContext context, PlanStep step, string? resumeChild, CancellationToken cancellationToken)
    {
        using var scope = RunScope.Begin(context.RunId);
        try
        {
            return await PlanStepExecutor.RunAsync(context, step, resumeChild, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A verb's refusal or failure fails the step (and, once data steps have begun, rolls the run back).
            return PlanStepOutcome.Failed($"{step.Verb} failed: {UriRedactor.RedactText(e.Message)}");
        }
    }

    private void Report(string step, int index, int count, string status, string message) =>
        options.Progress?.Report(new PlanProgress(step, index, count, status, UriRedactor.RedactText(message)));

    /// <summary>What a run knows of itself (rebuilt from its journal entry on a resume).</summary>
    private sealed record PlanRunState(string RunId, List<BsonDocument> Steps)
    {
        public PlanBaseline? Baseline { get; set; }

        public BsonDocument Expected { get; set; } = new();

        public bool HooksBeforeDone { get; set; }

        public string? RollbackReason { get; init; }
    }

    /// <summary>One run (or resume) of the plan's steps.</summary>
    private sealed class Execution(PlanRunner runner, PlanStepContext context, RunJournal journal, PlanRunState state, PlanWatch watch)
    {
        private Plan Plan => context.Plan;

        /// <summary>The threshold crossing that ends the run, if one does (reported in the result).</summary>
        private string? _crossed;

        private int FirstDataStep => Plan.Steps.ToList().FindIndex(s => s.IsDestructive);

        public async Task<PlanRunResult> RunAsync(CancellationToken cancellationToken)
        {
            if (state.RollbackReason is { } interrupted)
            {
                return await RollBackAsync(interrupted + " (rollback resumed)", cancellationToken).ConfigureAwait(false);
            }

            if (!state.HooksBeforeDone && await RunHooksAsync("before", Plan.Hooks.Before, cancellationToken).ConfigureAwait(false) is { } failedHook)
            {
                return await FinishAsync(RunStatus.Failed, $"hook before the plan: {failedHook}", cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < Plan.Steps.Count; i++)
            {
                var step = Plan.Steps[i];
                var record = state.Steps[i];
                if (record["status"].AsString != "completed")
                {
                    if (i >= FirstDataStep && FirstDataStep >= 0 && state.Baseline is null)
                    {
                        await CaptureBaselineAsync(cancellationToken).ConfigureAwait(false);
                    }

                    var outcome = await RunStepAsync(i, step, record, cancellationToken).ConfigureAwait(false);
                    var reason = !outcome.Succeeded ? $"step {step.Name} failed: {watch.Crossed ?? outcome.Crossed ?? outcome.Summary}" : outcome.Crossed is { } c ? $"step {step.Name}: {c}" : null;
                    _crossed = watch.Crossed ?? outcome.Crossed;
                    if (reason is null && state.Baseline is not null)
                    {
                        reason = await CheckInPlaceAsync(step, cancellationToken).ConfigureAwait(false);
                        _crossed = reason;
                    }

                    if (reason is not null)
                    {
                        return state.Baseline is null
                            ? await FinishAsync(RunStatus.Failed, reason, cancellationToken).ConfigureAwait(false)
                            : await RollBackAsync(reason, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (step.Name == runner.Options.Until)
                {
                    return await FinishAsync(RunStatus.Stopped, $"stopped after step {step.Name} (--until); resume with --resume {state.RunId}", cancellationToken).ConfigureAwait(false);
                }
            }

            if (state.Baseline is { } baseline && Plan.Probes.Count > 0)
            {
                var after = await PlanBaseline.MeasureProbesAsync(context.Store, Plan.Probes, context.Database, cancellationToken).ConfigureAwait(false);
                await journal.SetAsync(state.RunId, new BsonDocument("probes_after", new BsonDocument(after.Select(p => new BsonElement(p.Key, p.Value)))), cancellationToken).ConfigureAwait(false);
                if (PlanThresholdCheck.Latency(Plan.Thresholds, baseline.ProbeMedianMs, after) is { } slower)
                {
                    _crossed = slower;
                    return await RollBackAsync(slower, cancellationToken).ConfigureAwait(false);
                }
            }

            var afterHook = await RunHooksAsync("after", Plan.Hooks.After, cancellationToken).ConfigureAwait(false);
            return afterHook is null
                ? await FinishAsync(RunStatus.Completed, null, cancellationToken).ConfigureAwait(false)
                : await FinishAsync(RunStatus.Failed, $"hook after the plan: {afterHook} (the data steps completed and are kept)", cancellationToken).ConfigureAwait(false);
        }

        private async Task<PlanStepOutcome> RunStepAsync(int index, PlanStep step, BsonDocument record, CancellationToken cancellationToken)
        {
            var interrupted = step.Verb == PlanVerbs.Transform && record["status"].AsString == RunStatus.Running
                ? await InterruptedChildAsync(step, cancellationToken).ConfigureAwait(false)
                : null;
            var resumeChild = interrupted?.Id;
            var started = runner.Options.Time.GetUtcNow().UtcDateTime;
            record["status"] = RunStatus.Running;
            record["started_at"] = started;
            record["attempts"] = record["attempts"].ToInt32() + 1;
            await SaveStepsAsync(cancellationToken).ConfigureAwait(false);
            runner.Report(step.Name, index + 1, Plan.Steps.Count, RunStatus.Running, resumeChild is null ? $"{step.Verb} started" : $"{step.Verb} resumes run {resumeChild}");

            var clock = System.Diagnostics.Stopwatch.StartNew();
            watch.ForgetChildRun();
            // A transform that completed just before the kill is not run again: a second run would write its documents again.
            var outcome = interrupted is { Status: RunStatus.Completed } done
                ? PlanStepOutcome.Ok($"run {done.Id} had completed before the interruption") with { ChildRunId = done.Id }
                : await PlanRunner.RunStepAsync(context, step, resumeChild, cancellationToken).ConfigureAwait(false);
            record["status"] = outcome.Succeeded && outcome.Crossed is null ? "completed" : RunStatus.Failed;
            record["ended_at"] = runner.Options.Time.GetUtcNow().UtcDateTime;
            record["duration_ms"] = (long)clock.Elapsed.TotalMilliseconds;
            record["summary"] = UriRedactor.RedactText(outcome.Summary);
            record["backup_tag"] = outcome.BackupTag is { } tag ? tag : record["backup_tag"];
            record["child_run_id"] = (outcome.ChildRunId ?? watch.ChildRunId) is { } child ? child : record["child_run_id"];
            record["result"] = outcome.Details;
            await SaveStepsAsync(cancellationToken).ConfigureAwait(false);
            runner.Report(step.Name, index + 1, Plan.Steps.Count, record["status"].AsString, outcome.Summary);
            if (step.Verb == PlanVerbs.Transform && outcome.Succeeded && outcome.Crossed is null && state.Baseline is not null)
            {
                await ExpectTransformedAsync(step, cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }

        /// <summary>
        /// The transform run a killed attempt of this step started (its parent is the plan run; it is journaled in
        /// the transform's target database) and its status.
        /// </summary>
        private async Task<(string Id, string Status)?> InterruptedChildAsync(PlanStep step, CancellationToken cancellationToken)
        {
            (string, string)? child = null;
            await foreach (var run in new RunJournal(context.DatabaseOf(step), runner.Options.Time).ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (run["kind"].AsString == "transform" && run.GetValue("parent_run_id", BsonNull.Value) is BsonString parent && parent.Value == state.RunId)
                {
                    child = (run["_id"].AsString, run["status"].AsString);
                }
            }

            return child;
        }

        private async Task CaptureBaselineAsync(CancellationToken cancellationToken)
        {
            var databases = Plan.Steps.Where(s => s.IsDestructive).Select(s => s.Database ?? context.Database).Prepend(context.Database).Distinct(StringComparer.Ordinal).ToList();
            var baseline = await PlanBaseline.CaptureAsync(context.Store, databases, Plan.Probes, context.Database, runner.Options.Time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
            state.Baseline = baseline;
            state.Expected = new BsonDocument(baseline.Collections.Select(c => new BsonElement(c.Namespace, c.Count)));
            await journal.SetAsync(state.RunId, new BsonDocument { { "baseline", baseline.ToBson() }, { "expected", state.Expected } }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>After a transform, its target collections as written are what later steps must keep.</summary>
        private async Task ExpectTransformedAsync(PlanStep step, CancellationToken cancellationToken)
        {
            var target = context.DatabaseOf(step);
            foreach (var now in await PlanBaseline.StateOfAsync(target, cancellationToken).ConfigureAwait(false))
            {
                state.Expected[now.Namespace] = now.Count;
            }

            await journal.SetAsync(state.RunId, new BsonDocument("expected", state.Expected), cancellationToken).ConfigureAwait(false);
        }

        private async Task<string?> CheckInPlaceAsync(PlanStep step, CancellationToken cancellationToken) =>
            await PlanThresholdCheck.InPlaceAsync(context, state.Expected, state.Baseline!.At, cancellationToken).ConfigureAwait(false) is { } loss
                ? $"after step {step.Name}: {loss}"
                : null;

        private async Task<PlanRunResult> RollBackAsync(string reason, CancellationToken cancellationToken)
        {
            var tags = BackupTags();
            runner.Report("rollback", 0, Plan.Steps.Count, "rolling_back", $"{reason}; rolling back");
            if (tags.Count == 0)
            {
                return await FinishAsync(RunStatus.RollbackFailed, $"{reason}; ROLLBACK FAILED: no backup step completed before the first data step", cancellationToken).ConfigureAwait(false);
            }

            await journal.SetAsync(state.RunId, new BsonDocument("rollback", new BsonDocument { { "status", RunStatus.Running }, { "reason", UriRedactor.RedactText(reason) } }), cancellationToken).ConfigureAwait(false);
            var request = new PlanRollbackRequest(state.RunId, Plan.BackupRoot, tags)
            {
                Baseline = state.Baseline,
                HooksBefore = LoggedOrRun("on_rollback", Plan.Hooks.OnRollback),
                HooksAfter = LoggedOrRun("after_rollback", Plan.Hooks.AfterRollback),
                Lock = runner.Options.Lock,
            };
            var log = new LineProgress(line => runner.Report("rollback", 0, Plan.Steps.Count, "rolling_back", line));
            var result = await new PlanRollback(context.Backups).RunAsync(context.Store, request, log, cancellationToken).ConfigureAwait(false);
            var record = result.ToBson();
            record["reason"] = UriRedactor.RedactText(reason);
            await journal.SetAsync(state.RunId, new BsonDocument("rollback", record), cancellationToken).ConfigureAwait(false);
            return await FinishAsync(result.Status, $"{reason}; {result.Describe()}", cancellationToken, result).ConfigureAwait(false);
        }

        /// <summary>Per database the plan writes, the last backup of it taken before the first data step.</summary>
        private Dictionary<string, string> BackupTags()
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            var last = FirstDataStep < 0 ? Plan.Steps.Count : FirstDataStep;
            for (var i = 0; i < last; i++)
            {
                if (Plan.Steps[i].Verb == PlanVerbs.Backup && state.Steps[i]["backup_tag"] is BsonString tag)
                {
                    foreach (var db in Plan.Steps[i].Databases.Count == 0 ? [context.Database] : Plan.Steps[i].Databases)
                    {
                        tags[db] = tag.Value;
                    }
                }
            }

            var written = state.Baseline?.Databases ?? [context.Database];
            return tags.Where(t => written.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        }

        /// <summary>The hooks to run; in a rehearsal none: each is logged as a line instead.</summary>
        private IReadOnlyList<HookCommand> LoggedOrRun(string group, IReadOnlyList<HookCommand> hooks)
        {
            if (!runner.Options.LogHooksInsteadOfRunning)
            {
                return hooks;
            }

            foreach (var hook in hooks)
            {
                runner.Report(hook.Name, 0, Plan.Steps.Count, "not_run", $"rehearsal: {group} hook not run: {hook.Display}");
            }

            return [];
        }

        private async Task<string?> RunHooksAsync(string group, IReadOnlyList<HookCommand> hooks, CancellationToken cancellationToken)
        {
            hooks = LoggedOrRun(group, hooks);
            var results = new BsonArray();
            string? failed = null;
            foreach (var hook in hooks)
            {
                var result = await HookRunner.RunAsync(PlanRollback.WithRun(hook, state.RunId), cancellationToken).ConfigureAwait(false);
                results.Add(result.ToBson());
                runner.Report(hook.Name, 0, Plan.Steps.Count, result.Succeeded ? "completed" : RunStatus.Failed, result.Summary);
                if (!result.Succeeded)
                {
                    failed = result.Summary;
                    break;
                }
            }

            await journal.SetAsync(state.RunId, new BsonDocument { { $"plan_hooks.{group}", failed is null }, { $"plan_hooks.{group}_results", results } }, cancellationToken).ConfigureAwait(false);
            return failed;
        }

        private Task SaveStepsAsync(CancellationToken cancellationToken) =>
            journal.SetAsync(state.RunId, new BsonDocument("steps", new BsonArray(state.Steps)), cancellationToken);

        private async Task<PlanRunResult> FinishAsync(string status, string? reason, CancellationToken cancellationToken, PlanRollbackResult? rollback = null)
        {
            await journal.FinishAsync(state.RunId, status, reason, cancellationToken).ConfigureAwait(false);
            runner.Report("plan", Plan.Steps.Count, Plan.Steps.Count, status, reason ?? $"plan run {state.RunId} completed");
            return new PlanRunResult(state.RunId, status, false, state.Steps) { Reason = reason, Rollback = rollback, Crossed = status == RunStatus.Completed ? null : _crossed };
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool and would reorder the lines).</summary>
    private sealed class LineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
