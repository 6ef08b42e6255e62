using Ferry.Core.Backup;
using Ferry.Core.Migrations;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// <c>ferry migrate up</c> on the production database with the guide's schema migrations 001 (user profile fields)
/// and 002 (assessment versioning): a backup is taken first, each migration is recorded in the changelog with its
/// checksum, and the lock keeps a second runner out.
/// </summary>
public sealed class MigrateStep(IMigrationScriptRunner runner) : IDemoStep
{
    public string Name => "migrate";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(context.Options.FullDirectory, "migrations");
        SampleRules.WriteMigrations(directory);
        context.AddLocation("migrations", directory);
        var backups = Path.Combine(context.Options.FullDirectory, "backups");
        var migrations = new MigrationRunner(
            new ScriptMigrationSource(directory, runner),
            new MigrationEnvironment { Time = context.Options.Clock },
            new StoreBackupBeforeMigration(new BackupService(context.Options.Clock), backups));
        var result = await migrations.UpAsync(context.Store.GetDatabase(context.Options.ProductionDatabase), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"migration {result.FailedStep!.Version} failed: {result.FailedStep.Error}");
        }

        context.AddLocation("backups", backups);
        var applied = string.Join(", ", result.Steps.Select(s => $"{s.Version} {s.Description}"));
        return $"applied {applied} to {context.Options.ProductionDatabase}; backup {result.BackupTag ?? "(none)"} taken first; changelog in _ferry_migrations";
    }
}
