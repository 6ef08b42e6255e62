using Ferry.Core.Backup;
using Ferry.Core.Migrations;
using Ferry.Core.Progress;
using Ferry.Core.Runs;
using Ferry.Core.Storage;

namespace Ferry.Core.Plans;

/// <summary>What every step of one plan run shares: the store, the plan, its run, the clock and the options.</summary>
public sealed record PlanStepContext(IDocumentStore Store, Plan Plan, string Database, string RunId, PlanRunOptions Options)
{
    public BackupService Backups { get; } = new(Options.Time);

    public IDocumentDatabase DatabaseOf(PlanStep step) => Store.GetDatabase(step.Database ?? Database);

    public RunJournal Journal => new(Store.GetDatabase(Database), Options.Time);
}

/// <summary>How a plan runs: dry run, resume, where to stop, the migration script host, locks, progress.</summary>
public sealed record PlanRunOptions
{
    public bool DryRun { get; init; }

    /// <summary>Resume this plan run (after a kill or a stop): completed steps are not repeated.</summary>
    public string? ResumeRunId { get; init; }

    /// <summary>Stop after this step (the run stays resumable).</summary>
    public string? Until { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Runs JavaScript migrations (Ferry.Scripting's Jint host); null refuses plans with a migrate step.</summary>
    public IMigrationScriptRunner? MigrationScripts { get; init; }

    /// <summary>The run locks of the verbs the steps run (a resume after a kill waits out the dead run's lease).</summary>
    public RunLockOptions Lock { get; init; } = new();

    /// <summary>Step events (started, finished, rolling back) for the live view or the log lines.</summary>
    public IProgress<PlanProgress>? Progress { get; init; }

    /// <summary>Documents done per collection inside a step.</summary>
    public IProgress<ItemProgress>? ItemProgress { get; init; }

    /// <summary>
    /// A rehearsal (<see cref="PlanRehearsal"/>): the plan's hooks, hook steps and HTTP smoke checks reach outside the
    /// rehearsed store (scale the real application, call the real endpoint), so each is logged as a line, not run.
    /// </summary>
    public bool LogHooksInsteadOfRunning { get; init; }
}

/// <summary>One event of a plan run for people: a step started or ended, a threshold fired, a rollback step.</summary>
public sealed record PlanProgress(string Step, int Index, int Count, string Status, string Message);
