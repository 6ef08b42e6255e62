using Ferry.Core.Transform;
using MongoDB.Bson;

namespace Ferry.Core.Cleanup;

/// <summary>What <c>ferry cleanup</c> looks at.</summary>
public sealed record CleanupOptions
{
    /// <summary>Ferry state older than this goes (finished runs, restored quarantine entries, backups past retention).</summary>
    public TimeSpan OlderThan { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Where backups live; null leaves backups alone.</summary>
    public string? BackupRoot { get; init; }

    /// <summary>The newest backups kept whatever their age (the last good one is kept always, besides these).</summary>
    public int BackupsKeep { get; init; } = 3;

    /// <summary>Demo data to remove (the rules' demo_markers), with what references it; null leaves demo data alone.</summary>
    public IReadOnlyDictionary<string, BsonDocument>? DemoMarkers { get; init; }

    public DemoCascade DemoCascade { get; init; } = new([]);

    public Runs.RunLockOptions LockOptions { get; init; } = new();
}
