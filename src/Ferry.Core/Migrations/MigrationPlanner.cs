namespace Ferry.Core.Migrations;

/// <summary>
/// Decides what <c>up</c> and <c>down</c> would run from a <see cref="MigrationStatusReport"/>, refusing (with
/// <see cref="MigrationRefusedException"/>, nothing written) on checksum drift, out-of-order versions, a version that
/// is not pending or not applied, applied dependants without <c>--cascade</c>, and a missing file or down part.
/// </summary>
public static class MigrationPlanner
{
    public static List<Migration> SelectUp(MigrationStatusReport status, UpOptions options)
    {
        var changed = status.Rows.Where(r => r.State == MigrationState.Changed).ToList();
        if (changed.Count > 0 && !options.AllowChanged)
        {
            throw new MigrationRefusedException(
                $"{status.Database}: applied migration(s) changed since they were applied: {string.Join(", ", changed.Select(r => r.Source))}; " +
                "restore the original file(s), or pass --allow-changed to go on anyway");
        }

        var pending = status.Pending.Where(r => r.Migration is not null).ToList();
        if (options.Only is { } only)
        {
            var row = status.Rows.FirstOrDefault(r => r.Version.Equals(only))
                ?? throw new MigrationRefusedException($"{status.Database}: no migration {only} in the migrations folder");
            if (!row.IsPending)
            {
                throw new MigrationRefusedException($"{status.Database}: migration {only} ({row.Source}) is {MigrationRunner.StateText(row.State)}, not pending");
            }

            pending = [row];
        }
        else if (options.To is { } to)
        {
            pending = pending.Where(r => r.Version <= to).ToList();
        }

        var highest = status.CurrentVersion;
        var early = pending.Where(r => highest is { } h && r.Version < h).ToList();
        if (early.Count > 0 && !options.AllowOutOfOrder)
        {
            throw new MigrationRefusedException(
                $"{status.Database}: pending migration(s) {string.Join(", ", early.Select(r => r.Source))} are older than the applied version {highest}; " +
                "pass --allow-out-of-order to apply them anyway");
        }

        return pending.Select(r => r.Migration!).ToList();
    }

    public static List<Migration> SelectDown(MigrationStatusReport status, DownOptions options)
    {
        var row = status.Rows.FirstOrDefault(r => r.Version.Equals(options.Version));
        if (row?.Entry is not { CountsAsApplied: true })
        {
            throw new MigrationRefusedException($"{status.Database}: migration {options.Version} is not applied; nothing to roll back");
        }

        var later = status.Rows.Where(r => r.Version > options.Version && r.Entry is { CountsAsApplied: true }).OrderByDescending(r => r.Version).ToList();
        if (later.Count > 0 && !options.Cascade)
        {
            throw new MigrationRefusedException(
                $"{status.Database}: later migration(s) {string.Join(", ", later.Select(r => r.Version.Text))} are applied after {options.Version}; " +
                "roll them back first, or pass --cascade to roll back all of them, newest first");
        }

        var targets = later.Append(row).ToList();
        foreach (var target in targets)
        {
            if (target.Migration is null)
            {
                throw new MigrationRefusedException($"{status.Database}: migration {target.Version} ({target.Source}) is applied but its file is missing; cannot run its down part");
            }

            if (!target.Migration.HasDown)
            {
                throw new MigrationRefusedException($"{target.Source}: has no down part (module.exports.down); cannot roll back {target.Version}");
            }
        }

        return targets.Select(t => t.Migration!).ToList();
    }
}
