using Ferry.Core.Hooks;

namespace Ferry.Core.Emergency;

/// <summary>Where <see cref="EmergencyRecover"/> finds backups, and what it runs after the restore.</summary>
public sealed record EmergencyRecoverOptions
{
    public string BackupRoot { get; init; } = "backups";

    /// <summary>The <c>emergency.recover</c> hooks (restart with limited capacity, …), run once the restore verified.</summary>
    public IReadOnlyList<HookCommand> Hooks { get; init; } = [];

    /// <summary>The <c>emergency.smoke</c> hooks: the application's smoke tests, run last.</summary>
    public IReadOnlyList<HookCommand> Smoke { get; init; } = [];

    public Runs.RunLockOptions Lock { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
