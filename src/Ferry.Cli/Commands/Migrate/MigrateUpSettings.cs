using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate up</c>.</summary>
public sealed class MigrateUpSettings : MigrateChangeSettings
{
    [CommandOption("--to <VERSION>")]
    [Description("Apply pending migrations up to and including VERSION")]
    public string? To { get; init; }

    [CommandOption("--version <VERSION>")]
    [Description("Apply only this pending migration")]
    public string? Version { get; init; }

    [CommandOption("--allow-changed")]
    [Description("Go on although an applied migration's file changed since it was applied")]
    public bool AllowChanged { get; init; }

    [CommandOption("--allow-out-of-order")]
    [Description("Apply pending migrations older than the current version")]
    public bool AllowOutOfOrder { get; init; }
}
