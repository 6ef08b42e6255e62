using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options every <c>ferry migrate</c> verb that reads a store has.</summary>
public abstract class MigrateSettings : StoreSettings
{
    [CommandOption("--dir <DIR>")]
    [Description("The migrations folder (default ./migrations)")]
    public string Directory { get; init; } = "migrations";

    [CommandOption("--assembly <PATH>")]
    [Description("Also load C# migrations ([Migration] classes implementing IMigration) from this assembly")]
    public string? Assembly { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Time limit per JavaScript migration (default 1800)")]
    public int? TimeoutSeconds { get; init; }

    [CommandOption("--memory-limit <MIB>")]
    [Description("Heap growth limit per JavaScript migration, in MiB (default 512)")]
    public int? MemoryLimitMiB { get; init; }
}

/// <summary>Options of <c>ferry migrate status</c>.</summary>
public sealed class MigrateStatusSettings : MigrateSettings;

/// <summary>Options of <c>ferry migrate pending</c>.</summary>
public sealed class MigratePendingSettings : MigrateSettings;

/// <summary>Options of <c>ferry migrate plan</c>.</summary>
public sealed class MigratePlanSettings : MigrateSettings;

/// <summary>Options of <c>ferry migrate up</c>.</summary>
public sealed class MigrateUpSettings : MigrateSettings
{
    [CommandOption("--to <VERSION>")]
    [Description("Apply pending migrations up to and including VERSION")]
    public string? To { get; init; }

    [CommandOption("--version <VERSION>")]
    [Description("Apply only this pending migration")]
    public string? Version { get; init; }

    [CommandOption("--dry-run")]
    [Description("List what would run; write nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--allow-changed")]
    [Description("Go on although an applied migration's file changed since it was applied")]
    public bool AllowChanged { get; init; }

    [CommandOption("--allow-out-of-order")]
    [Description("Apply pending migrations older than the current version")]
    public bool AllowOutOfOrder { get; init; }

    [CommandOption("--no-backup")]
    [Description("Do not back up the database before applying migrations")]
    public bool NoBackup { get; init; }

    [CommandOption("--backup-dir <DIR>")]
    [Description("Where the pre-migration backup goes (default ./backups; tag pre-migration-DB-RUNID)")]
    public string BackupDirectory { get; init; } = "backups";

    [CommandOption("--force-unlock")]
    [Description("Remove the migration lock first, whoever holds it (only when its holder is known to be gone)")]
    public bool ForceUnlock { get; init; }
}

/// <summary>Options of <c>ferry migrate down</c>.</summary>
public sealed class MigrateDownSettings : MigrateSettings
{
    [CommandOption("--version <VERSION>")]
    [Description("The applied migration to roll back (required)")]
    public string? Version { get; init; }

    [CommandOption("--cascade")]
    [Description("Also roll back every applied migration above VERSION, newest first")]
    public bool Cascade { get; init; }

    [CommandOption("--dry-run")]
    [Description("List what would run; write nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--force-unlock")]
    [Description("Remove the migration lock first, whoever holds it (only when its holder is known to be gone)")]
    public bool ForceUnlock { get; init; }
}

/// <summary>Options of <c>ferry migrate baseline</c>.</summary>
public sealed class MigrateBaselineSettings : MigrateSettings
{
    [CommandOption("--to <VERSION>")]
    [Description("Record every migration up to VERSION as applied without running it (required)")]
    public string? To { get; init; }
}

/// <summary>Options of <c>ferry migrate mark</c>.</summary>
public sealed class MigrateMarkSettings : MigrateSettings
{
    [CommandOption("--applied <VERSION>")]
    [Description("Record VERSION as applied without running it")]
    public string? Applied { get; init; }

    [CommandOption("--unapplied <VERSION>")]
    [Description("Remove VERSION's changelog entry without running its down part")]
    public string? Unapplied { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        (Applied is null) == (Unapplied is null)
            ? Spectre.Console.ValidationResult.Error("give exactly one of --applied VERSION or --unapplied VERSION")
            : Spectre.Console.ValidationResult.Success();
}

/// <summary>Options of <c>ferry migrate history</c>.</summary>
public sealed class MigrateHistorySettings : MigrateSettings
{
    [CommandOption("--limit <N>")]
    [Description("How many of the latest events to show (default 50)")]
    public int Limit { get; init; } = 50;
}

/// <summary>Options of <c>ferry migrate create</c>.</summary>
public sealed class MigrateCreateSettings : FerrySettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("What the migration does, e.g. \"add user profile fields\"")]
    public string Name { get; init; } = string.Empty;

    [CommandOption("--dir <DIR>")]
    [Description("The migrations folder (default ./migrations)")]
    public string Directory { get; init; } = "migrations";

    [CommandOption("--timestamp")]
    [Description("Name the file YYYYMMDDHHMMSS-name.js instead of the next sequence number")]
    public bool Timestamp { get; init; }
}
