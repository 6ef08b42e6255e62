using Ferry.Cli.Infrastructure;
using Spectre.Console;

namespace Ferry.Cli.Commands.Demo;

/// <summary>Options of <c>ferry demo remove</c>: those of <c>identify</c>, and --confirm is required.</summary>
public sealed class DemoRemoveSettings : DemoDataSettings
{
    public override ValidationResult Validate() => OptionChecks.First(
        base.Validate,
        () => OptionChecks.Refuse(!Confirm, "--confirm: removing demo data deletes documents (after a verified backup); pass --confirm to proceed, or run ferry demo identify to see what would go"));
}
