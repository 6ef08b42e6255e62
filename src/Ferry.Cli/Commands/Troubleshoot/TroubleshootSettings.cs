using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Troubleshoot;

/// <summary>Options of <c>ferry troubleshoot memory</c>.</summary>
public sealed class TroubleshootMemorySettings : StoreSettings
{
    [CommandOption("--scan-limit <N>")]
    [Description("Documents read per collection to find the largest ones (default 100000)")]
    [DefaultValue(100_000L)]
    public long ScanLimit { get; init; } = 100_000;

    public override ValidationResult Validate() => OptionChecks.Refuse(ScanLimit < 1, $"--scan-limit: expected at least 1, got {ScanLimit}");
}

/// <summary>Options of <c>ferry troubleshoot performance</c>.</summary>
public sealed class TroubleshootPerformanceSettings : StoreSettings
{
    [CommandOption("--long-ops <SECONDS>")]
    [Description("Operations running at least this long are findings (default 60)")]
    [DefaultValue(60)]
    public int LongOperationSeconds { get; init; } = 60;

    [CommandOption("--probes <FILE>")]
    [Description("Probe queries to explain (probes: [ { collection, filter, name? } ]); default probes: in ferry.yaml")]
    public string? ProbesOption { get; init; }

    public string? Probes => ProbesOption ?? Config.ProbesFile;

    public override ValidationResult Validate() => OptionChecks.Refuse(LongOperationSeconds < 0, $"--long-ops: expected seconds (0 or more), got {LongOperationSeconds}");
}

/// <summary>Options of <c>ferry troubleshoot integrity</c>.</summary>
public sealed class TroubleshootIntegritySettings : StoreSettings
{
    [CommandOption("--rules <FILE>")]
    [Description("Validation rules whose unique keys and references define duplicates and orphans (default: validation: in ferry.yaml)")]
    public string? RulesOption { get; init; }

    public string? Rules => RulesOption ?? Config.ValidationRules;

    public override ValidationResult Validate() => OptionChecks.Required(Rules, "--rules: a rules file is required (its unique keys and references say what to check), or validation: in ferry.yaml");
}
