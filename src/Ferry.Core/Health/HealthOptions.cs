using Ferry.Core.Migrations;

namespace Ferry.Core.Health;

/// <summary>Options of <see cref="HealthChecker"/>.</summary>
public sealed record HealthOptions
{
    public static readonly IReadOnlyList<string> CheckNames = ["connectivity", "server", "disk", "migrations", "lock", "backup", "endpoints"];

    /// <summary>Checks to run (<see cref="CheckNames"/>); empty runs them all.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    /// <summary>The database whose lock, migrations and size are checked; null skips those checks.</summary>
    public string? Database { get; init; }

    /// <summary>Where backups go: its free space and its last good backup are checked.</summary>
    public string? BackupsDirectory { get; init; }

    /// <summary>Where the data lives on this machine (an embedded store's folder); its free space is checked.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The space a backup or a migration needs; default the database's data size.</summary>
    public long? NeededBytes { get; init; }

    /// <summary>Free space every checked location must keep at least, whatever is needed.</summary>
    public long MinFreeBytes { get; init; }

    /// <summary>The last good backup may be at most this old; null only reports its age.</summary>
    public TimeSpan? MaxBackupAge { get; init; }

    /// <summary>The migrations to compare with the database's changelog; null skips the check.</summary>
    public IMigrationSource? Migrations { get; init; }

    public IReadOnlyList<HealthEndpoint> Endpoints { get; init; } = [];

    public TimeSpan EndpointTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
