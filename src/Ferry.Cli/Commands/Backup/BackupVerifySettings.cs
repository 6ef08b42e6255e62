using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Backup;

/// <summary>Options of <c>ferry backup verify</c>.</summary>
public sealed class BackupVerifySettings : BackupRootSettings
{
    [CommandOption("--tag <TAG>")]
    [Description("The backup to verify")]
    public string? Tag { get; init; }
}
