using System.Globalization;
using Ferry.Core.Backup;
using Ferry.Core.Doctor;
using Ferry.Core.Hooks;
using Ferry.Core.Migrations;
using Ferry.Core.Runs;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Core.Plans;

/// <summary>
/// Runs one plan step by calling its verb's Core API (never the CLI), in its dry-run form under
/// <see cref="PlanRunOptions.DryRun"/>. Each verb's own run (a transform's journal entry) records the plan run as
/// its parent, because the plan runner opens a <see cref="RunScope"/> around this.
/// </summary>
internal static class PlanStepExecutor
{
    public static Task<PlanStepOutcome> RunAsync(PlanStepContext context, PlanStep step, string? resumeChildRunId, CancellationToken cancellationToken) => step.Verb switch
    {
        PlanVerbs.Backup => BackupAsync(context, step, cancellationToken),
        PlanVerbs.Health => PlanHealth.CheckAsync(context, step, cancellationToken),
        PlanVerbs.Migrate => MigrateAsync(context, step, cancellationToken),
        PlanVerbs.Transform => TransformAsync(context, step, resumeChildRunId, cancellationToken),
        PlanVerbs.Validate => ValidateAsync(context, step, cancellationToken),
        PlanVerbs.Doctor => DoctorAsync(context, step, cancellationToken),
        PlanVerbs.Smoke => PlanSmoke.CheckAsync(context, step, cancellationToken),
        PlanVerbs.Hook => HookAsync(context, step, cancellationToken),
        PlanVerbs.Report => ReportAsync(context, step, cancellationToken),
        _ => throw new InvalidOperationException("unknown verb " + step.Verb),
    };

    /// <summary>The backup tag of a step in this run; a retaken backup (after a kill) gets the next free name.</summary>
    public static string TagOf(PlanStepContext context, PlanStep step)
    {
        var tag = (step.Tag ?? "{run}-{step}").Replace("{run}", context.RunId, StringComparison.Ordinal).Replace("{step}", step.Name, StringComparison.Ordinal);
        tag = string.Concat(tag.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
        var candidate = tag;
        for (var attempt = 2; Directory.Exists(Path.Combine(context.Plan.BackupRoot, candidate)); attempt++)
        {
            candidate = $"{tag}-retake{attempt}";
        }

        return candidate;
    }

    private static async Task<PlanStepOutcome> BackupAsync(PlanStepContext context, PlanStep step, CancellationToken cancellationToken)
    {
        var databases = step.Databases.Count == 0 ? [context.Database] : step.Databases;
        if (context.Options.DryRun)
        {
            long documents = 0;
            foreach (var name in databases)
            {
                documents += (await context.Store.GetDatabase(name).GetStatsAsync(cancellationToken).ConfigureAwait(false)).Objects;
            }

            return PlanStepOutcome.Ok($"would back up {string.Join(", ", databases)} ({documents} document(s)) into {context.Plan.BackupRoot}{(step.Verified ? ", then verify it" : string.Empty)}");
        }

        var tag = TagOf(context, step);
        var result = await context.Backups.CreateAsync(context.Store, new BackupOptions { Databases = databases, Tag = tag, OutputRoot = context.Plan.BackupRoot }, null, cancellationToken).ConfigureAwait(false);
        var details = new BsonDocument("backup", result.ToBson());
        if (step.Verified)
        {
            var report = await context.Backups.VerifyAsync(context.Plan.BackupRoot, result.Tag, cancellationToken).ConfigureAwait(false);
            details["verification"] = report.ToBson();
            if (!report.Ok)
            {
                return PlanStepOutcome.Failed($"backup {result.Tag} failed verification: {report.Problems[0]}") with { BackupTag = result.Tag, Details = details };
            }
        }

        return PlanStepOutcome.Ok($"backup {result.Tag} of {string.Join(", ", databases)}{(step.Verified ? ", verified" : string.Empty)}") with { BackupTag = result.Tag, Details = details };
    }

    private static async Task<PlanStepOutcome> MigrateAsync(PlanStepContext context, PlanStep step, CancellationToken cancellationToken)
    {
        var scripts = context.Options.MigrationScripts ?? throw new InvalidOperationException("no migration script host was given to the plan runner");
        var runner = new MigrationRunner(
            new ScriptMigrationSource(step.Migrations!, scripts),
            new MigrationEnvironment { Time = context.Options.Time, LockWait = context.Options.Lock.Wait, LockLifetime = context.Options.Lock.Lease },
            new StoreBackupBeforeMigration(context.Backups, context.Plan.BackupRoot));
        var options = new UpOptions { DryRun = context.Options.DryRun, To = step.ToVersion is null ? null : MigrationVersion.Parse(step.ToVersion) };
        var result = await runner.UpAsync(context.DatabaseOf(step), options, cancellationToken).ConfigureAwait(false);
        var details = result.ToBson(null, context.Plan.BackupRoot);
        var versions = result.Steps.Count == 0 ? "nothing pending" : string.Join(", ", result.Steps.Select(s => s.Version.ToString()));
        if (!result.Succeeded)
        {
            var failed = result.FailedStep!;
            return PlanStepOutcome.Failed($"migration {failed.Version} failed: {failed.Error}{(result.Rollback is { } r ? "; the migration run " + r.Describe() : string.Empty)}") with { Details = details, ChildRunId = result.RunId };
        }

        return PlanStepOutcome.Ok(context.Options.DryRun ? $"would apply {versions}" : $"applied {versions}") with { Details = details, ChildRunId = result.RunId };
    }

    private static async Task<PlanStepOutcome> TransformAsync(PlanStepContext context, PlanStep step, string? resumeChildRunId, CancellationToken cancellationToken)
    {
        var rules = TransformRulesParser.Load(step.Rules!);
        if (step.PasswordHashCost is { } cost)
        {
            rules = rules with { Hashing = rules.Hashing with { Cost = cost } };
        }

        var engine = new TransformEngine(new TransformOptions
        {
            DryRun = context.Options.DryRun,
            ResumeRunId = resumeChildRunId,
            BatchSize = step.BatchSize,
            Time = context.Options.Time,
            Lock = context.Options.Lock,
            Progress = context.Options.ItemProgress,
        });
        var target = context.DatabaseOf(step);
        var result = await engine.RunAsync(context.Store.GetDatabase(step.SourceDatabase!), target, rules, cancellationToken).ConfigureAwait(false);
        var processed = result.Collections.Sum(c => c.Processed);
        var quarantined = result.Collections.Sum(c => c.Quarantined);
        var written = result.Collections.Sum(c => c.Written);
        var rate = result.Duration.TotalSeconds > 0 ? processed / result.Duration.TotalSeconds : 0;
        var summary = context.Options.DryRun
            ? $"would write {written} document(s) to {target.Name} and quarantine {quarantined} of {processed}"
            : $"run {result.RunId} {result.Status}: {written} written to {target.Name}, {quarantined} quarantined of {processed} ({rate.ToString("0", CultureInfo.InvariantCulture)} docs/s)";
        var outcome = new PlanStepOutcome(result.Status is RunStatus.Completed or "dry_run", summary) { ChildRunId = result.DryRun ? null : result.RunId, Details = result.ToBson() };
        return context.Options.DryRun ? outcome : outcome with { Crossed = await PlanThresholdCheck.TransformAsync(context, step, rules, result, cancellationToken).ConfigureAwait(false) };
    }

    private static async Task<PlanStepOutcome> ValidateAsync(PlanStepContext context, PlanStep step, CancellationToken cancellationToken)
    {
        var rules = RuleSetParser.Load(step.Rules!);
        var options = new ValidationOptions { Time = context.Options.Time, Progress = context.Options.ItemProgress };
        var database = context.DatabaseOf(step);

        // A dry run writes nothing, not even a journal entry; a real one is a child run the report reads rules from.
        var (report, runId) = context.Options.DryRun
            ? (await new DataValidator(options).ValidateAsync(database, rules, cancellationToken).ConfigureAwait(false), null)
            : await ValidationRun.RunAsync(database, rules, step.Rules, options, cancellationToken).ConfigureAwait(false);
        var summary = report.Passed
            ? $"{report.Database}: all rules hold on {report.Checked} document(s)"
            : $"{report.Database}: {report.FailedRules} rule(s) failed on {report.Invalid} of {report.Checked} document(s){(step.ReportOnly ? " (report only)" : string.Empty)}";
        return new PlanStepOutcome(report.Passed || step.ReportOnly, summary) { ChildRunId = runId, Details = ValidationRun.Journaled(report) };
    }

    private static async Task<PlanStepOutcome> DoctorAsync(PlanStepContext context, PlanStep step, CancellationToken cancellationToken)
    {
        var rules = RuleSetParser.Load(step.Rules!);
        var options = new DoctorOptions { Fix = step.Fix, DryRun = context.Options.DryRun && step.Fix, Time = context.Options.Time, Lock = context.Options.Lock };
        var report = await new IntegrityDoctor(options).RunAsync(context.DatabaseOf(step), rules, cancellationToken).ConfigureAwait(false);
        var summary = report.Clean ? "no integrity problems"
            : step.Fix && !report.DryRun ? $"repaired {report.FindingCount} integrity problem(s) (run {report.RunId}; originals in _ferry_quarantine)"
            : $"{report.FindingCount} integrity problem(s){(step.Fix ? " would be repaired" : string.Empty)}";

        // Without fix the doctor is a check: problems fail the step. With fix it repairs them.
        return new PlanStepOutcome(report.Clean || step.Fix, summary) { Details = report.ToBson(), ChildRunId = report.RunId };
    }

    private static async Task<PlanStepOutcome> HookAsync(PlanStepContext context, PlanStep step, CancellationToken cancellationToken)
    {
        var hook = PlanRollback.WithRun(step.Command!, context.RunId);
        if (context.Options.LogHooksInsteadOfRunning)
        {
            return PlanStepOutcome.Ok($"rehearsal: hook not run: {Storage.UriRedactor.RedactText(hook.Display)}");
        }

        if (context.Options.DryRun)
        {
            return PlanStepOutcome.Ok($"would run: {Storage.UriRedactor.RedactText(hook.Display)} (time limit {hook.Timeout.TotalSeconds:0.#} s)");
        }

        var result = await HookRunner.RunAsync(hook, cancellationToken).ConfigureAwait(false);
        return new PlanStepOutcome(result.Succeeded, result.Summary) { Details = result.ToBson() };
    }

    private static async Task<PlanStepOutcome> ReportAsync(PlanStepContext context, PlanStep step, CancellationToken cancellationToken)
    {
        if (context.Options.DryRun)
        {
            return PlanStepOutcome.Ok($"would write the plan run's report to {step.Path}");
        }

        // The plan run's report so far (its steps up to this one, their child runs, backups and rollbacks), in the
        // format the path's extension names: .html for people, .md for a ticket, anything else JSON.
        var report = await new Reports.RunReportBuilder(context.Store.GetDatabase(context.Database), context.Options.Time)
            .BuildAsync(context.RunId, context.Plan.BackupRoot, cancellationToken).ConfigureAwait(false);
        var format = Reports.ReportFormats.FromPath(step.Path!) ?? Reports.ReportFormat.Json;
        await Reports.ReportFiles.WriteAsync(step.Path!, Reports.ReportFormats.Render(report, format), cancellationToken).ConfigureAwait(false);
        return PlanStepOutcome.Ok($"wrote the plan run's report to {step.Path}");
    }
}
