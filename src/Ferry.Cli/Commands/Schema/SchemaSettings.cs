using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Schema;

/// <summary><c>ferry schema diff FILE</c>: the declared schema file and, to write the difference as a migration, its name.</summary>
public sealed class SchemaDiffSettings : StoreSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The declared schema (YAML; see docs/migrations.md)")]
    public string File { get; init; } = string.Empty;

    [CommandOption("--emit-migration <NAME>")]
    [Description("Write the difference as a new versioned migration (with its down) named NAME")]
    public string? EmitMigration { get; init; }

    [CommandOption("--dir <DIR>")]
    [Description("The migrations folder for --emit-migration (default: migrations: in ferry.yaml, else ./migrations)")]
    public string? DirectoryOption { get; init; }

    public string Directory => DirectoryOption ?? Config.MigrationsDirectory ?? "migrations";

    public override ValidationResult Validate() =>
        OptionChecks.Refuse(DirectoryOption is not null && EmitMigration is null, "--dir: only used with --emit-migration NAME");
}

/// <summary><c>ferry schema apply FILE</c>: make the store match; destructive changes only with --allow-drop.</summary>
public sealed class SchemaApplySettings : LockingStoreSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The declared schema (YAML; see docs/migrations.md)")]
    public string File { get; init; } = string.Empty;

    [CommandOption("--allow-drop")]
    [Description("Also drop what the schema leaves out (undeclared indexes, collections declared absent, pruned reference documents), after a verified backup")]
    public bool AllowDrop { get; init; }

    [CommandOption("--dry-run")]
    [Description("Print the changes; write nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--backups <DIR>")]
    [Description("Where the backup before destructive changes goes (default: backups: in ferry.yaml, else ./backups)")]
    public string? BackupsOption { get; init; }

    public string Backups => BackupsOption ?? Config.BackupsDirectory ?? "backups";
}
