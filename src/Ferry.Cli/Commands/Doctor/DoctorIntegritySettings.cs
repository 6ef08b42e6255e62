using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Doctor;

/// <summary>Options of <c>ferry doctor integrity</c>.</summary>
public sealed class DoctorIntegritySettings : LockingStoreSettings, global::Ferry.Cli.Commands.Report.IReportSettings, IMetricsSettings
{
    [CommandOption(IMetricsSettings.PortOption)]
    [Description(IMetricsSettings.PortDescription)]
    public int? MetricsPort { get; init; }

    [CommandOption(IMetricsSettings.HostOption)]
    [Description(IMetricsSettings.HostDescription)]
    public string? MetricsHost { get; init; }

    [CommandOption(IMetricsSettings.PushOption)]
    [Description(IMetricsSettings.PushDescription)]
    public string? MetricsPush { get; init; }

    [CommandOption("--rules <FILE>")]
    [Description("Validation rules whose unique keys and references define duplicates and orphans (default: validation: in ferry.yaml)")]
    public string? RulesOption { get; init; }

    /// <summary>--rules, else validation: in ferry.yaml (the rules <c>ferry validate</c> checks).</summary>
    public string? Rules => RulesOption ?? Config.ValidationRules;

    [CommandOption("--fix")]
    [Description("Repair: merge duplicates (keep the oldest, re-point references), quarantine orphans; nothing is deleted without a copy in _ferry_quarantine")]
    public bool Fix { get; init; }

    [CommandOption("--dry-run")]
    [Description("With --fix: show every action, cascades included, and write nothing")]
    public bool DryRun { get; init; }

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Refuse(DryRun && !Fix, "--dry-run: only means something with --fix (without --fix nothing is written anyway)"),
        () => OptionChecks.Required(Rules, "--rules: a rules file is required (its unique keys and references say what to check), or validation: in ferry.yaml"));

    [CommandOption(global::Ferry.Cli.Commands.Report.IReportSettings.Option)]
    [Description(global::Ferry.Cli.Commands.Report.IReportSettings.Description)]
    public string? Report { get; init; }
}
