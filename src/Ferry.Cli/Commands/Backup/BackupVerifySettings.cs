using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Backup;

/// <summary>Options of <c>ferry backup verify</c>.</summary>
public sealed class BackupVerifySettings : BackupRootSettings
{
    [CommandOption("--tag <TAG>")]
    [Description("The backup to verify")]
    public string? Tag { get; init; }

    public override ValidationResult Validate() =>
        Tag is null ? ValidationResult.Error("--tag: say which backup to verify (see ferry backup list)") : ValidationResult.Success();
}
