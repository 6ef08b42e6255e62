using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Transfer;

/// <summary>Options of <c>ferry export</c>.</summary>
public sealed class ExportSettings : StoreSettings
{
    [CommandOption("--collection <NAME>")]
    [Description("The collection to export")]
    public string? Collection { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Write to FILE (replaced only once the export is complete) instead of standard output")]
    public string? Out { get; init; }

    [CommandOption("--filter <JSON>")]
    [Description("Export only documents matching this MongoDB filter, e.g. '{ \"status\": \"draft\" }'")]
    public string? Filter { get; init; }

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Required(Collection, "--collection: the collection to export is required"),
        () => OptionChecks.Refuse(Json && Out is null, "--json: needs --out FILE (without it, standard output carries the exported documents)"));
}
