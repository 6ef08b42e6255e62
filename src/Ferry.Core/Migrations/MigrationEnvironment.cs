using System.Security.Cryptography;

namespace Ferry.Core.Migrations;

/// <summary>
/// Who and when, for the changelog, history and lock: the clock (injected, so tests are exact), <c>user@host</c>,
/// Ferry's version, the process id and a fresh run id per run.
/// </summary>
public sealed record MigrationEnvironment
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string User { get; init; } = Environment.UserName;

    public string Host { get; init; } = Environment.MachineName;

    public int ProcessId { get; init; } = Environment.ProcessId;

    public string FerryVersion { get; init; } = typeof(MigrationEnvironment).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>How long a lock lives without being refreshed; refreshed every third of it while a run goes on.</summary>
    public TimeSpan LockLifetime { get; init; } = Runs.RunLockOptions.DefaultLease;

    /// <summary>Null: refuse when another run holds the database's lock; otherwise wait for it this long.</summary>
    public TimeSpan? LockWait { get; init; }

    /// <summary>How this environment's runs take the database run lock (on the wall clock: a lease under a fixed
    /// FERRY_CLOCK would never run out).</summary>
    public Runs.RunLockOptions Lock => new() { User = User, Host = Host, ProcessId = ProcessId, Lease = LockLifetime, Wait = LockWait };

    public string AppliedBy => $"{User}@{Host}";

    /// <summary>A run id: UTC time to the second and 6 random hex digits (sortable, unique enough across hosts).</summary>
    public string NewRunId() =>
        Time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
}
