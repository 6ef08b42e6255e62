using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Plans;

/// <summary>Options of <c>ferry rehearse</c>; --uri/--db name the real store, only counted for the estimate.</summary>
public sealed class RehearseSettings : StoreSettings
{
    [CommandArgument(0, "<PLAN>")]
    [Description("The plan file (YAML; see docs/runs.md)")]
    public string Plan { get; init; } = string.Empty;

    [CommandOption("--from-backup <TAG|PATH>")]
    [Description("The backup to rehearse on: a tag in the plan's backup folder, or the path of a backup or mongodump folder/archive")]
    public string? FromBackup { get; init; }

    [CommandOption("--with-hooks")]
    [Description("Run the plan's hooks, hook steps and HTTP smoke checks (by default each is logged, not run: they reach the real application)")]
    public bool WithHooks { get; init; }

    [CommandOption("--keep <PATH>")]
    [Description("Build the rehearsal store in this new (or empty) folder and keep it for inspection (default: a temporary folder, deleted after)")]
    public string? Keep { get; init; }

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Refuse(string.IsNullOrWhiteSpace(FromBackup), "--from-backup: required; expected a backup tag of the plan's backup folder or the path of a backup"));
}
