using Ferry.Core.Storage;
using Ferry.Store.Embedded.Storage;

namespace Ferry.Store.Embedded;

/// <summary><c>ferry indexes optimize</c> on the embedded store: the whole file is rebuilt, since index entries of every
/// collection share its tables.</summary>
public sealed partial class EmbeddedDatabase : IStoreMaintenance
{
    /// <summary>REINDEX (rebuilds every index b-tree), ANALYZE (refreshes the planner's statistics), VACUUM (rewrites
    /// the file without free pages); the size is measured on disk after a WAL checkpoint, before and after.</summary>
    public async Task<StoreOptimization> OptimizeAsync(CancellationToken cancellationToken = default)
    {
        await FlushIndexUsesAsync(cancellationToken).ConfigureAwait(false);
        string[] steps = ["REINDEX", "ANALYZE", "VACUUM"];
        return await File.MaintainAsync(
            session =>
            {
                var before = CheckpointedSize(session);
                foreach (var step in steps)
                {
                    session.Execute(step);
                }

                return new StoreOptimization(steps, before, CheckpointedSize(session));
            },
            new StoreOptimization([], 0, 0),
            cancellationToken).ConfigureAwait(false);
    }

    private long CheckpointedSize(SqlSession session)
    {
        session.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        return LengthOf(File.Path) + LengthOf(File.Path + "-wal");
    }

    private static long LengthOf(string path) => System.IO.File.Exists(path) ? new FileInfo(path).Length : 0;
}
