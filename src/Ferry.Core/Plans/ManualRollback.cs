using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Migrations;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>What <c>ferry rollback</c> did: its own run, the rollback, and the health and smoke checks after it.</summary>
public sealed record ManualRollbackResult(string RunId, string PlanRunId, string Status, PlanRollbackResult Rollback, IReadOnlyList<BsonDocument> Checks)
{
    public string? Reason { get; init; }

    public bool Succeeded => Status == RunStatus.RolledBack;

    public BsonDocument ToBson() => new()
    {
        { "runId", RunId },
        { "planRunId", PlanRunId },
        { "status", Status },
        { "reason", Reason is null ? BsonNull.Value : UriRedactor.RedactText(Reason) },
        { "rollback", Rollback.ToBson() },
        { "checks", new BsonArray(Checks) },
    };
}

/// <summary>
/// <c>ferry rollback RUN [--to-backup TAG]</c>, the guide's manual rollback of a finished plan run, as a run of its
/// own (kind <c>rollback</c>, its parent the plan run): the plan's <c>on_rollback</c> hooks (scale down), restore of
/// the plan run's pre-migration backup (or <c>--to-backup TAG</c>) into every database the plan wrote, verification
/// against the baseline stored in the plan run (against the backup only with another tag: the baseline describes the
/// plan's backup), the <c>after_rollback</c> hooks (scale up), then the plan's health steps and the smoke steps marked <c>after_rollback: true</c> (most smoke checks describe the migrated data). Every part is
/// idempotent, so <c>--resume</c> of a killed rollback simply does it again.
/// </summary>
public sealed class ManualRollback(IDocumentStore store, TimeProvider time, RunLockOptions lockOptions)
{
    public const string Kind = "rollback";

    public async Task<ManualRollbackResult> RunAsync(string database, string planRunId, string? toBackup, string? resumeRunId, CancellationToken cancellationToken = default)
    {
        var journal = new RunJournal(store.GetDatabase(database), time);
        var planRun = await journal.GetAsync(planRunId, cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException($"RUN {planRunId}: no such run in {database}.{RunJournal.CollectionName}");
        if (planRun["kind"].AsString != PlanRunner.Kind)
        {
            throw new UserInputException($"RUN {planRunId}: a {planRun["kind"].AsString} run; ferry rollback rolls back plan runs");
        }

        if (planRun["status"].AsString is RunStatus.Running)
        {
            throw new UserInputException($"RUN {planRunId}: the plan run is still running (or was killed): stop it with ferry runs stop, or resume it with ferry run PLAN --resume {planRunId}");
        }

        var spec = planRun["spec"].AsBsonDocument;
        var backupRoot = spec["backup_root"].AsString;
        var baseline = planRun.GetValue("baseline", BsonNull.Value) is BsonDocument b ? PlanBaseline.FromBson(b) : null;
        var plan = File.Exists(spec["plan"].AsString) ? PlanParser.Load(spec["plan"].AsString) : null;
        var tags = TagsOf(planRun, plan, database, baseline, toBackup);
        if (toBackup is not null)
        {
            _ = new BackupCatalog(backupRoot).FolderOf(toBackup); // a typo is refused before anything runs
        }

        var runId = resumeRunId ?? "rollback-" + new MigrationEnvironment { Time = time }.NewRunId();
        using var scope = RunScope.Begin(planRunId);
        if (resumeRunId is null)
        {
            await journal.StartAsync(runId, Kind, new BsonDocument { { "plan_run", planRunId }, { "backup_root", backupRoot }, { "to_backup", toBackup is null ? BsonNull.Value : toBackup } }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var previous = await journal.GetAsync(resumeRunId, cancellationToken).ConfigureAwait(false);
            if (previous is null || previous["kind"].AsString != Kind || previous["spec"]["plan_run"].AsString != planRunId)
            {
                throw new UserInputException($"--resume {resumeRunId}: not a rollback of plan run {planRunId}");
            }

            await journal.ResumeAsync(resumeRunId, cancellationToken).ConfigureAwait(false);
        }

        var backups = new BackupService(time);
        var request = new PlanRollbackRequest(runId, backupRoot, tags)
        {
            Baseline = toBackup is null ? baseline : null,
            HooksBefore = plan?.Hooks.OnRollback ?? [],
            HooksAfter = plan?.Hooks.AfterRollback ?? [],
            Lock = lockOptions,
        };
        var rollback = await new PlanRollback(backups).RunAsync(store, request, null, cancellationToken).ConfigureAwait(false);
        await journal.SetAsync(runId, new BsonDocument("rollback", rollback.ToBson()), cancellationToken).ConfigureAwait(false);

        var checks = new List<BsonDocument>();
        string? failedCheck = null;
        if (rollback.Verified && plan is not null)
        {
            var context = new PlanStepContext(store, plan, database, runId, new PlanRunOptions { Time = time, Lock = lockOptions });
            foreach (var step in plan.Steps.Where(s => s.Verb == PlanVerbs.Health || (s.Verb == PlanVerbs.Smoke && s.AfterRollback)))
            {
                var outcome = await PlanStepExecutor.RunAsync(context, step, null, cancellationToken).ConfigureAwait(false);
                checks.Add(new BsonDocument { { "name", step.Name }, { "verb", step.Verb }, { "succeeded", outcome.Succeeded }, { "summary", UriRedactor.RedactText(outcome.Summary) } });
                failedCheck ??= outcome.Succeeded ? null : $"check {step.Name} failed after the rollback: {outcome.Summary}";
            }

            await journal.SetAsync(runId, new BsonDocument("checks", new BsonArray(checks)), cancellationToken).ConfigureAwait(false);
        }

        var status = !rollback.Verified ? RunStatus.RollbackFailed : failedCheck is null ? RunStatus.RolledBack : RunStatus.Failed;
        var reason = !rollback.Verified ? rollback.Describe() : failedCheck;
        await journal.FinishAsync(runId, status, reason, cancellationToken).ConfigureAwait(false);
        return new ManualRollbackResult(runId, planRunId, status, rollback, checks) { Reason = reason };
    }

    /// <summary>Per database the plan wrote, the backup to restore: --to-backup, or the one the plan took before its first data step.</summary>
    private static Dictionary<string, string> TagsOf(BsonDocument planRun, Plan? plan, string database, PlanBaseline? baseline, string? toBackup)
    {
        var databases = baseline?.Databases ?? [database];
        if (toBackup is not null)
        {
            return databases.ToDictionary(d => d, _ => toBackup, StringComparer.Ordinal);
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var steps = planRun["steps"].AsBsonArray.Select(s => s.AsBsonDocument).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            if (plan is not null && i < plan.Steps.Count && plan.Steps[i].IsDestructive)
            {
                break;
            }

            if (steps[i]["verb"].AsString == PlanVerbs.Backup && steps[i]["backup_tag"] is BsonString tag)
            {
                var covered = plan is not null && i < plan.Steps.Count && plan.Steps[i].Databases.Count > 0 ? plan.Steps[i].Databases : [database];
                foreach (var db in covered)
                {
                    tags[db] = tag.Value;
                }
            }
        }

        var chosen = tags.Where(t => databases.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return chosen.Count > 0 ? chosen : throw new UserInputException($"RUN {planRun["_id"].AsString}: the plan run took no backup before its data steps; name one with --to-backup TAG");
    }
}
