using System.ComponentModel;
using System.Globalization;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Assess;

public sealed class AnalyzeSettings : StoreSettings
{
    [CommandOption("--collections <NAMES>")]
    [Description("Comma-separated collections to analyse (default: all but Ferry's own)")]
    public string? CollectionsOption { get; init; }

    [CommandOption("--sample <N|all>")]
    [Description("Documents sampled per collection for the schema (default 1000), or all (streams every document)")]
    public string? Sample { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Write the analysis as JSON (the input of ferry plan --analysis)")]
    public string? Out { get; init; }

    [CommandOption("--rules-draft <FILE>")]
    [Description("Write a validation rules draft (the format ferry validate reads) from the inferred schema")]
    public string? RulesDraft { get; init; }

    public IReadOnlyList<string> Collections => CollectionsOption is null ? [] : CollectionsOption.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The sample size; null for all.</summary>
    public int? SampleSize => Sample is null ? 1000 : Sample == "all" ? null : int.Parse(Sample, CultureInfo.InvariantCulture);

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Refuse(
            Sample is not null && Sample != "all" && (!int.TryParse(Sample, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1),
            $"--sample {Sample}: expected a whole number of at least 1, or all"),
        () => OptionChecks.Refuse(CollectionsOption is not null && Collections.Count == 0, "--collections: expected comma-separated collection names"));
}
