using Ferry.Cli.Commands;
using Ferry.Cli.Commands.Demo;
using Ferry.Cli.Commands.Transfer;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Every verb, with its one-line description (shown by ferry --help).</summary>
public static class CommandCatalog
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<VersionCommand>("version").WithDescription("Print Ferry's version");
        config.AddCommand<DemoCommand>("demo").WithDescription("Seed the Infra Mind demo data set (with known planted defects) into an embedded store in ./ferry-demo");
        config.AddCommand<ExportCommand>("export").WithDescription("Export a collection as canonical Extended JSON, one document per line");
        config.AddCommand<ImportCommand>("import").WithDescription("Import JSON lines into a collection; a bad line refuses the file unless --continue-on-error");
    }
}
