using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Transfer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Transfer;

/// <summary>Options of <c>ferry import</c>.</summary>
public sealed class ImportSettings : LockingStoreSettings, global::Ferry.Cli.Commands.Report.IReportSettings, IMetricsSettings
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

    [CommandOption("--collection <NAME>")]
    [Description("The collection to import into")]
    public string? Collection { get; init; }

    [CommandOption("--file <FILE>")]
    [Description("JSON documents, one per line (canonical or relaxed Extended JSON, or mongo shell syntax)")]
    public string? File { get; init; }

    [CommandOption("--continue-on-error")]
    [Description("Import the good lines and report the bad ones (default: a bad line refuses the whole file)")]
    public bool ContinueOnError { get; init; }

    [CommandOption("--mode <MODE>")]
    [Description("insert (default; an existing _id is an error) or upsert (replace by _id)")]
    public string Mode { get; init; } = "insert";

    public ImportOptions ToOptions() => new()
    {
        ContinueOnError = ContinueOnError,
        Mode = ParsedMode ?? throw new InvalidOperationException($"--mode {Mode}: Validate() refuses it before the verb runs"),
        Lock = this.LockOptions(),
        Time = Ferry.Core.Time.FixedTimeProvider.FromEnvironment(),
    };

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Required(Collection, "--collection: the collection to import into is required"),
        () => OptionChecks.Required(File, "--file: the file to import is required"),
        () => OptionChecks.Required(ParsedMode, $"--mode {Mode}: expected insert or upsert"));

    private ImportMode? ParsedMode => Mode.ToLowerInvariant() switch
    {
        "insert" => ImportMode.Insert,
        "upsert" => ImportMode.Upsert,
        _ => null,
    };

    [CommandOption(global::Ferry.Cli.Commands.Report.IReportSettings.Option)]
    [Description(global::Ferry.Cli.Commands.Report.IReportSettings.Description)]
    public string? Report { get; init; }
}
