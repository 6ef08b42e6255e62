using Ferry.Core.Hooks;

namespace Ferry.Core.Emergency;

/// <summary>What <see cref="EmergencyStop"/> waits for, runs and writes.</summary>
public sealed record EmergencyStopOptions
{
    /// <summary>How long to wait for the running runs to stop before naming those that have not.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The backup root the emergency backup goes to.</summary>
    public string BackupRoot { get; init; } = "backups";

    /// <summary>The <c>emergency.stop</c> hooks of ferry.yaml, run once the runs have stopped.</summary>
    public IReadOnlyList<HookCommand> Hooks { get; init; } = [];

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How often the journal is read while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
