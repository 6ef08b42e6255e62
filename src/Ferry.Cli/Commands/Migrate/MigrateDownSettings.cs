using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate down</c>.</summary>
public sealed class MigrateDownSettings : MigrateChangeSettings
{
    [CommandOption("--version <VERSION>")]
    [Description("The applied migration to roll back (required)")]
    public string? Version { get; init; }

    [CommandOption("--cascade")]
    [Description("Also roll back every applied migration above VERSION, newest first")]
    public bool Cascade { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        Version is null ? Spectre.Console.ValidationResult.Error("--version: which migration to roll back is required") : base.Validate();
}
