using Ferry.Cli.Commands.Eval;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using Ferry.Scripting.Migrations;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>
/// What every migrate verb needs: the runner over the migrations folder (JavaScript through the Jint sandbox, plus
/// C# migrations from <c>--assembly</c>), the store, and the databases <c>--db</c> names (a list or a pattern).
/// <c>up</c> backs each database up first through the backup feature unless <c>--no-backup</c>.
/// </summary>
public static class MigrationSetup
{
    public static MigrationRunner Runner(MigrateSettings settings, IPreMigrationBackup? backup = null)
    {
        var limits = ScriptLimitsOptions.Apply(JintMigrationScriptRunner.DefaultLimits, settings.TimeoutSeconds, settings.MemoryLimitMiB);
        var time = Core.Time.FixedTimeProvider.FromEnvironment();
        var sources = new List<IMigrationSource> { new ScriptMigrationSource(settings.Directory, new JintMigrationScriptRunner(limits, time: time)) };
        if (settings.Assembly is not null)
        {
            sources.Add(new AssemblyMigrationSource(settings.Assembly));
        }

        var environment = new MigrationEnvironment
        {
            Time = time,
            LockLifetime = Core.Runs.RunLockOptions.LeaseFromEnvironment(),
            LockWait = (settings as IRunLockSettings)?.WaitTime(),
        };
        return new MigrationRunner(new CompositeMigrationSource(sources), environment, backup);
    }

    public static async Task<IReadOnlyList<IDocumentDatabase>> DatabasesAsync(IDocumentStore store, MigrateSettings settings, CancellationToken cancellationToken)
    {
        var names = await DatabaseSelector.ResolveAsync(store, settings.ResolveDatabase(), cancellationToken).ConfigureAwait(false);
        return names.Select(store.GetDatabase).ToList();
    }
}
