using System.Globalization;
using Ferry.Core.Errors;

namespace Ferry.Core.Runs;

/// <summary>
/// How a run takes the <see cref="DatabaseRunLock"/> of its target database: who it is (user, host, pid, for the
/// refusal message), how long the lease lasts without a heartbeat, and whether to wait for a holder or refuse at once.
/// </summary>
public sealed record RunLockOptions
{
    /// <summary>Overrides <see cref="Lease"/> (in seconds) for the CLI: tests use a short lease to see a killed
    /// holder's lock taken over without waiting two minutes.</summary>
    public const string LeaseVariable = "FERRY_LOCK_LEASE_SECONDS";

    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(2);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string User { get; init; } = Environment.UserName;

    public string Host { get; init; } = Environment.MachineName;

    public int ProcessId { get; init; } = Environment.ProcessId;

    /// <summary>How long the lock lives without a heartbeat; the holder renews it every third of this while it runs,
    /// and a lock not renewed for a whole lease (its holder died) is taken over.</summary>
    public TimeSpan Lease { get; init; } = DefaultLease;

    /// <summary>Null: refuse at once when another run holds the lock. Otherwise wait at most this long for it
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: until it is free or Ctrl-C).</summary>
    public TimeSpan? Wait { get; init; }

    /// <summary>Remove the lock first, whoever holds it (for a holder known to be gone).</summary>
    public bool ForceUnlock { get; init; }

    /// <summary>How often a waiting run looks at the lock again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The lease from <see cref="LeaseVariable"/> when set (a positive number of seconds), else the default.</summary>
    public static TimeSpan LeaseFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(LeaseVariable);
        if (string.IsNullOrEmpty(text))
        {
            return DefaultLease;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new UserInputException($"{LeaseVariable}={text}: expected a positive number of seconds");
    }
}
