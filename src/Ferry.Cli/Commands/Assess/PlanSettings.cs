using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Assessment;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Assess;

public sealed class PlanSettings : StoreSettings
{
    [CommandOption("--analysis <FILE>")]
    [Description("An analysis written by ferry analyze --out (volumes, order); the store is still read to time a sample")]
    public string? Analysis { get; init; }

    [CommandOption("--type <TYPE>")]
    [Description("The kind of migration: demo-to-prod, schema, format or upgrade")]
    public string? Type { get; init; }

    [CommandOption("--rules <FILE>")]
    [Description("Transformation rules (demo-to-prod, format): the sample is timed running them")]
    public string? Rules { get; init; }

    [CommandOption("--migrations <DIR>")]
    [Description("The migrations folder (schema, upgrade); default migrations: in ferry.yaml")]
    public string? MigrationsOption { get; init; }

    [CommandOption("--sample-size <N>")]
    [Description("Documents timed in all, spread over the collections by size (default 20000)")]
    [DefaultValue(20_000L)]
    public long SampleSize { get; init; } = 20_000;

    [CommandOption("--plan-file <FILE>")]
    [Description("Write the plan as a ferry run file (YAML)")]
    public string? PlanFile { get; init; }

    public string? Migrations => MigrationsOption ?? Config.MigrationsDirectory;

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Required(Type, $"--type: required, one of {string.Join(", ", PlanOptions.Types)}"),
        () => OptionChecks.Refuse(!PlanOptions.Types.Contains(Type!), $"--type {Type}: expected one of {string.Join(", ", PlanOptions.Types)}"),
        () => OptionRange.AtLeast(("--sample-size", SampleSize, 1)),
        () => OptionChecks.Refuse(Rules is not null && !File.Exists(Rules), $"--rules {Rules}: no such file"),
        () => OptionChecks.Refuse(MigrationsOption is not null && !Directory.Exists(MigrationsOption), $"--migrations {MigrationsOption}: no such folder"));
}
