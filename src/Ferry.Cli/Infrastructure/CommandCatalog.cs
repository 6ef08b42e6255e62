using Ferry.Cli.Commands;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Every verb, with its one-line description (shown by ferry --help).</summary>
public static class CommandCatalog
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<VersionCommand>("version").WithDescription("Print Ferry's version");
        config.AddCommand<Commands.Validate.ValidateCommand>("validate").WithDescription("Check a database against validation rules (fields, uniqueness, references, completeness, $jsonSchema)");
    }
}
