using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Validate;

public sealed class ValidateSettings : StoreSettings
{
    [CommandOption("--rules <FILE>")]
    [Description("Validation rules (YAML; see docs/validation.md); default: validation: in ferry.yaml")]
    public string? RulesOption { get; init; }

    /// <summary>--rules, else validation: in ferry.yaml.</summary>
    public string? Rules => RulesOption ?? Config.ValidationRules;

    [CommandOption("--samples <N>")]
    [Description("Offending documents shown per rule (default 5)")]
    [DefaultValue(5)]
    public int Samples { get; init; } = 5;

    [CommandOption("--no-journal")]
    [Description("Do not record the validation as a run in _ferry_runs (for an account that may only read)")]
    public bool NoJournal { get; init; }

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionRange.AtLeast(("--samples", Samples, 0)),
        () => OptionChecks.Required(Rules, "--rules: a rules file is required (YAML; see docs/validation.md), or validation: in ferry.yaml"));
}
