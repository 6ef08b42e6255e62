using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Transform;

public sealed class TransformSettings : FerrySettings, IRunLockSettings, Report.IReportSettings, IMetricsSettings, INotifySettings
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
    [Description("Transformation rules (YAML; see docs/transform.md)")]
    public string? Rules { get; init; }

    [CommandOption("--source-uri <URI>")]
    [Description("The store holding the source data (default $FERRY_URI, then uri: in ferry.yaml)")]
    public string? SourceUri { get; init; }

    [CommandOption("--source-db <DB>")]
    [Description("The source database (always given here: db: in ferry.yaml names one database, a transform reads one and writes another)")]
    public string? SourceDb { get; init; }

    [CommandOption("--target-uri <URI>")]
    [Description("The store to write to (default: the source's)")]
    public string? TargetUri { get; init; }

    [CommandOption("--target-db <DB>")]
    [Description("The target database")]
    public string? TargetDb { get; init; }

    [CommandOption("--dry-run")]
    [Description("Transform and count, show a few before/after pairs, write nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--resume <RUN>")]
    [Description("Continue a stopped or killed run from its checkpoints")]
    public string? Resume { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description("Documents per batch (default 1000)")]
    [DefaultValue(1000)]
    public int BatchSize { get; init; } = 1000;

    [CommandOption("--partitions <N>")]
    [Description("Parallel partitions per collection (default: the number of cores)")]
    public int? Partitions { get; init; }

    [CommandOption(IRunLockSettings.WaitOption)]
    [Description(IRunLockSettings.WaitDescription)]
    public FlagValue<int>? Wait { get; init; }

    [CommandOption(IRunLockSettings.ForceUnlockOption)]
    [Description(IRunLockSettings.ForceUnlockDescription)]
    public bool ForceUnlock { get; init; }

    [CommandOption(global::Ferry.Cli.Commands.Report.IReportSettings.Option)]
    [Description(global::Ferry.Cli.Commands.Report.IReportSettings.Description)]
    public string? Report { get; init; }

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionRange.AtLeast(("--batch-size", BatchSize, 1), ("--partitions", Partitions, 1)),
        () => OptionChecks.Required(Rules, "--rules: a rules file is required (YAML; see docs/transform.md)"),
        () => OptionChecks.Required(SourceDb, "--source-db: the source database is required"),
        () => OptionChecks.Required(TargetDb, "--target-db: the target database is required"),
        () => OptionChecks.Refuse(TargetDb == SourceDb && ResolveTargetUri(ResolveSourceUri()).Value == ResolveSourceUri().Value,
            "--target-db: must differ from --source-db on the same store (a transform never rewrites its source)"));

    public ResolvedSetting ResolveSourceUri() => Stores.Require(StoreOption.Uri.Named("--source-uri"), SourceUri);

    public ResolvedSetting ResolveTargetUri(ResolvedSetting source) =>
        TargetUri is null ? source : Stores.Require(StoreOption.Uri.Named("--target-uri"), TargetUri);

    [CommandOption(INotifySettings.Option)]
    [Description(INotifySettings.Description)]
    public string[]? Notify { get; init; }
}
