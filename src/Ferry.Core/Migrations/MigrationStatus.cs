using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>Where a migration stands on one database.</summary>
public enum MigrationState
{
    /// <summary>Applied and its file unchanged (or a C# migration).</summary>
    Applied,

    /// <summary>Not applied yet.</summary>
    Pending,

    /// <summary>Applied, but its file's checksum differs from the one recorded.</summary>
    Changed,

    /// <summary>Recorded as applied, but no file or class defines it any more.</summary>
    MissingFile,

    /// <summary>Its last attempt failed; it is pending again.</summary>
    Failed,
}

/// <summary>One row of <c>ferry migrate status</c>: a migration known from its file, the changelog, or both.</summary>
public sealed record MigrationStatusRow(MigrationVersion Version, string Description, string Source, MigrationState State, Migration? Migration, ChangelogEntry? Entry)
{
    public bool IsPending => State is MigrationState.Pending or MigrationState.Failed;

    public BsonDocument ToBson() => new()
    {
        { "version", Version.Text },
        { "description", Description },
        { "fileName", Source },
        { "state", StateName(State) },
        { "appliedAt", Entry is { CountsAsApplied: true } e ? new BsonDateTime(e.AppliedAt.UtcDateTime) : BsonNull.Value },
    };

    private static string StateName(MigrationState state) => state switch
    {
        MigrationState.MissingFile => "missing-file",
        _ => state.ToString().ToLowerInvariant(),
    };
}

/// <summary>Every known migration of one database and its state; the current version is the highest applied.</summary>
public sealed record MigrationStatusReport(string Database, IReadOnlyList<MigrationStatusRow> Rows)
{
    public MigrationVersion? CurrentVersion =>
        Rows.Where(r => r.Entry is { CountsAsApplied: true }).Select(r => (MigrationVersion?)r.Version).LastOrDefault();

    public IReadOnlyList<MigrationStatusRow> Pending => Rows.Where(r => r.IsPending).ToList();

    /// <summary>One database in <c>migrate status|plan --json</c>; <paramref name="pendingOnly"/> lists only the pending migrations (<c>migrate pending</c>).</summary>
    public BsonDocument ToBson(bool pendingOnly = false) => new()
    {
        { "database", Database },
        { "currentVersion", (BsonValue?)CurrentVersion?.Text ?? BsonNull.Value },
        { "pending", Pending.Count },
        { "migrations", new BsonArray((pendingOnly ? Pending : Rows).Select(r => r.ToBson())) },
    };

    /// <summary>Joins the migrations with the changelog.</summary>
    public static MigrationStatusReport Build(string database, IReadOnlyList<Migration> migrations, IReadOnlyList<ChangelogEntry> changelog)
    {
        var entries = changelog.ToDictionary(e => e.Version);
        var rows = new List<MigrationStatusRow>();
        foreach (var migration in migrations)
        {
            entries.TryGetValue(migration.Version, out var entry);
            var state = entry switch
            {
                null or { Outcome: ChangelogEntry.RolledBack } => MigrationState.Pending,
                { CountsAsApplied: false } => MigrationState.Failed,
                _ when entry.Checksum is not null && migration.Checksum is not null && entry.Checksum != migration.Checksum => MigrationState.Changed,
                _ => MigrationState.Applied,
            };
            rows.Add(new MigrationStatusRow(migration.Version, migration.Description, migration.Source, state, migration, entry));
        }

        var known = migrations.Select(m => m.Version).ToHashSet();
        rows.AddRange(changelog.Where(e => !known.Contains(e.Version) && e.CountsAsApplied)
            .Select(e => new MigrationStatusRow(e.Version, e.Description, e.Source, MigrationState.MissingFile, null, e)));
        return new MigrationStatusReport(database, rows.OrderBy(r => r.Version).ToList());
    }
}
