using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Plans;

public sealed class RollbackSettings : LockingStoreSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("The plan run to roll back (its database is --db)")]
    public string Run { get; init; } = string.Empty;

    [CommandOption("--to-backup <TAG>")]
    [Description("Restore this backup (in the plan's backup folder) instead of the one the plan run took before its data steps")]
    public string? ToBackup { get; init; }

    [CommandOption("--resume <ROLLBACK-RUN>")]
    [Description("Do a killed rollback run again (every part of it is idempotent)")]
    public string? Resume { get; init; }
}
