using Ferry.Core.Migrations;

namespace Ferry.Core.Plans;

/// <summary>What <see cref="PlanRehearsal"/> rehearses from and how.</summary>
public sealed record PlanRehearsalOptions
{
    /// <summary>A backup tag in the plan's backup folder, or the path of a backup folder or mongodump folder/archive.</summary>
    public required string FromBackup { get; init; }

    /// <summary>Run the plan's hooks, hook steps and HTTP smoke checks instead of logging them.</summary>
    public bool WithHooks { get; init; }

    /// <summary>Build the rehearsal store in this (new or empty) folder and keep it; null: a temporary folder, deleted after.</summary>
    public string? Keep { get; init; }

    /// <summary>The plan's real store, only counted (read-only) for the estimate; null or unreachable: the estimate is for the backup's size.</summary>
    public string? RealStoreUri { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IMigrationScriptRunner? MigrationScripts { get; init; }

    public IProgress<PlanProgress>? Progress { get; init; }

    public IProgress<Progress.ItemProgress>? ItemProgress { get; init; }
}
