using Ferry.Core.Errors;
using Ferry.Core.Runs;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// The options of every verb that changes a database and so takes its run lock (see docs/runs.md, Locks):
/// <c>--wait [SECONDS]</c> and <c>--force-unlock</c>. Each settings class declares the two properties with
/// <see cref="WaitOption"/>/<see cref="WaitDescription"/> and <see cref="ForceUnlockOption"/>/<see cref="ForceUnlockDescription"/>.
/// </summary>
public interface IRunLockSettings
{
    const string WaitOption = "--wait [SECONDS]";
    const string WaitDescription = "When another run holds the database's lock, wait for it (at most SECONDS; without a value, until it is free) instead of refusing";
    const string ForceUnlockOption = "--force-unlock";
    const string ForceUnlockDescription = "Remove the database's run lock first, whoever holds it (only when its holder is known to be gone)";

    FlagValue<int>? Wait { get; }

    bool ForceUnlock { get; }
}

public static class RunLockSettings
{
    /// <summary>Null: refuse when the lock is held; otherwise how long to wait (infinite without a value).</summary>
    public static TimeSpan? WaitTime(this IRunLockSettings settings) => settings.Wait switch
    {
        { IsSet: true, Value: < 0 } w => throw new UserInputException($"--wait {w.Value}: expected a number of seconds, 1 or more (or no value: wait until the lock is free)"),
        { IsSet: true, Value: 0 } => Timeout.InfiniteTimeSpan,
        { IsSet: true } w => TimeSpan.FromSeconds(w.Value),
        _ => null,
    };

    /// <summary>The lock options of a run: the wait, --force-unlock, and the lease (FERRY_LOCK_LEASE_SECONDS or two minutes).</summary>
    public static RunLockOptions LockOptions(this IRunLockSettings settings) => new()
    {
        Wait = settings.WaitTime(),
        ForceUnlock = settings.ForceUnlock,
        Lease = RunLockOptions.LeaseFromEnvironment(),

        // No FERRY_CLOCK here: a lease is wall-clock time. Under a fixed clock a dead holder's lease never ran out,
        // so a killed run could not be resumed (--wait waited forever).
    };
}
