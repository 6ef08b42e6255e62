namespace Ferry.Core.Doctor;

/// <summary>How <see cref="IntegrityDoctor"/> runs: report only, repair, or a dry-run repair.</summary>
public sealed record DoctorOptions
{
    /// <summary>Repair: merge duplicates, re-point references, quarantine orphans.</summary>
    public bool Fix { get; init; }

    /// <summary>With <see cref="Fix"/>: work out every action (cascades included) and write nothing.</summary>
    public bool DryRun { get; init; }

    public string? RunId { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Rounds of orphan removal: quarantining a parent can orphan its children.</summary>
    public int MaxCascadeRounds { get; init; } = 10;

    /// <summary>How a repair takes the database's run lock (only a repair that writes takes it).</summary>
    public Runs.RunLockOptions Lock { get; init; } = new();
}
