using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>
/// The minimal health step (the full one is <c>ferry health</c>): the store answers, its server version, and enough
/// free disk where the backups go for a backup of the database (its data size, plus a tenth).
/// </summary>
internal static class PlanHealth
{
    public static async Task<PlanStepOutcome> CheckAsync(PlanStepContext context, PlanStep step, CancellationToken cancellationToken)
    {
        var server = await context.Store.GetServerInfoAsync(cancellationToken).ConfigureAwait(false);
        var stats = await context.DatabaseOf(step).GetStatsAsync(cancellationToken).ConfigureAwait(false);
        var needed = (long)(stats.DataSize * 1.1);
        var free = FreeBytes(context.Plan.BackupRoot);
        var details = new BsonDocument
        {
            { "server", server.Kind },
            { "version", server.Version },
            { "database", stats.Database },
            { "data_bytes", stats.DataSize },
            { "backup_root", context.Plan.BackupRoot },
            { "free_bytes", free is { } f ? f : BsonNull.Value },
        };
        var summary = $"{server.Kind} {server.Version} reachable; {stats.Database}: {stats.Objects} document(s), {stats.DataSize} bytes; free for backups: {(free is { } b ? b + " bytes" : "unknown")}";
        return free is { } bytes && bytes < needed
            ? PlanStepOutcome.Failed($"{summary}: not enough free disk for a backup (needs {needed} bytes)") with { Details = details }
            : PlanStepOutcome.Ok(summary) with { Details = details };
    }

    /// <summary>Free bytes on the drive of the folder (or of its nearest existing parent: it may not exist yet).</summary>
    private static long? FreeBytes(string folder)
    {
        var path = Path.GetFullPath(folder);
        while (!Directory.Exists(path))
        {
            path = Path.GetDirectoryName(path);
            if (path is null)
            {
                return null;
            }
        }

        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
