using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate create</c>.</summary>
public sealed class MigrateCreateSettings : FerrySettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("What the migration does, e.g. \"add user profile fields\"")]
    public string Name { get; init; } = string.Empty;

    [CommandOption("--dir <DIR>")]
    [Description("The migrations folder (default: migrations: in ferry.yaml, else ./migrations)")]
    public string? DirectoryOption { get; init; }

    public string Directory => DirectoryOption ?? Config.MigrationsDirectory ?? "migrations";

    [CommandOption("--timestamp")]
    [Description("Name the file YYYYMMDDHHMMSS-name.js instead of the next sequence number")]
    public bool Timestamp { get; init; }
}
