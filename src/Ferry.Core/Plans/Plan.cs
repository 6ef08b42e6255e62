using Ferry.Core.Hooks;

namespace Ferry.Core.Plans;

/// <summary>
/// A whole migration as one file (<c>ferry run PLAN.yaml</c>, docs/runs.md): the store it works on, the rollback
/// thresholds, the probe queries timed for the latency baseline, the operator's hooks, and the ordered steps. Every
/// path in it is already resolved against the plan's folder.
/// </summary>
public sealed record Plan(string File, IReadOnlyList<PlanStep> Steps)
{
    /// <summary>The store URI, or null to take it from --uri / FERRY_URI / ferry.yaml.</summary>
    public string? Uri { get; init; }

    /// <summary>The database the plan changes (its run is journaled there), or null for --db / ferry.yaml.</summary>
    public string? Database { get; init; }

    /// <summary>Where the backup steps write (default: <c>backups</c> beside the plan).</summary>
    public required string BackupRoot { get; init; }

    public PlanThresholds Thresholds { get; init; } = new();

    public IReadOnlyList<PlanProbe> Probes { get; init; } = [];

    public PlanHooks Hooks { get; init; } = new();

    /// <summary>SHA-256 of the file: a resume refuses a plan that changed since its run started.</summary>
    public string Checksum { get; init; } = string.Empty;

    public string? Description { get; init; }

    /// <summary>The folder relative paths of the plan are resolved against (hooks run there).</summary>
    public string Folder => Path.GetDirectoryName(Path.GetFullPath(File)) ?? ".";
}

/// <summary>The plan's hooks around the run and around a rollback, each list run in order.</summary>
public sealed record PlanHooks
{
    public IReadOnlyList<HookCommand> Before { get; init; } = [];

    public IReadOnlyList<HookCommand> After { get; init; } = [];

    /// <summary>Run first when a rollback starts (the guide: scale the application down).</summary>
    public IReadOnlyList<HookCommand> OnRollback { get; init; } = [];

    /// <summary>Run once the restore verified (the guide: scale the application back up).</summary>
    public IReadOnlyList<HookCommand> AfterRollback { get; init; } = [];
}
