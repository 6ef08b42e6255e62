using Ferry.Cli.Commands;
using Ferry.Cli.Commands.Backup;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Every verb, with its one-line description (shown by ferry --help).</summary>
public static class CommandCatalog
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<VersionCommand>("version").WithDescription("Print Ferry's version");
        config.AddBranch("backup", backup =>
        {
            backup.SetDescription("Tagged backups in mongodump's formats: create, verify, list, last-good, restore");
            backup.AddCommand<BackupCreateCommand>("create").WithDescription("Back up databases of a store under a tag (directory or --archive, optional --gzip)");
            backup.AddCommand<BackupVerifyCommand>("verify").WithDescription("Re-read every file of a backup: sizes, SHA-256, BSON, counts; exit 1 on any problem");
            backup.AddCommand<BackupListCommand>("list").WithDescription("List backups: tag, created, source, counts, bytes, verified");
            backup.AddCommand<BackupLastGoodCommand>("last-good").WithDescription("Find the newest backup that verifies");
            backup.AddCommand<BackupRestoreCommand>("restore").WithDescription("Restore a backup (--tag) or a mongodump folder/archive (--from) into a store");
        });
    }
}
