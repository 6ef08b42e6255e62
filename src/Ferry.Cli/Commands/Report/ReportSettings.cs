using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Report;

public sealed class ReportSettings : StoreSettings
{
    [CommandArgument(0, "[RUN]")]
    [Description("The run id (see ferry runs list); or --last")]
    public string? Run { get; init; }

    [CommandOption("--last")]
    [Description("Report the newest run (a plan rather than its steps)")]
    public bool Last { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("json, md or html (default: from --out's extension, else md)")]
    public string? Format { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Write the report to FILE instead of standard output")]
    public string? Out { get; init; }

    [CommandOption("--backup-root <DIR>")]
    [Description("The backup root, to show the run's backups' verification (default: backups: in ferry.yaml)")]
    public string? BackupRoot { get; init; }

    /// <summary>The format asked for, else the one --out's extension implies, else Markdown.</summary>
    public ReportFormat ResolveFormat() =>
        Format is not null ? ReportFormats.Parse(Format) : (Out is null ? null : ReportFormats.FromPath(Out)) ?? ReportFormat.Markdown;

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Refuse(Run is null && !Last, "RUN: name the run to report (see ferry runs list), or --last for the newest"),
        () => OptionChecks.Refuse(Run is not null && Last, "--last: give either a RUN or --last, not both"),
        () => OptionChecks.Refuse(Format is not null && !IsFormat(Format), $"--format {Format}: expected {ReportFormats.Names}"));

    private static bool IsFormat(string name)
    {
        try
        {
            ReportFormats.Parse(name);
            return true;
        }
        catch (Core.Errors.UserInputException)
        {
            return false;
        }
    }
}
