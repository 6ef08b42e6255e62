using Ferry.Core.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Builds the <c>ferry</c> command: every verb is registered here, in one place.</summary>
public static class FerryApp
{
    public static CommandApp Create(IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        registrar.RegisterLazy(typeof(StoreRegistry), () => new StoreRegistry(StoreProviders.All()));

        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("ferry");
            config.SetApplicationVersion(FerryVersion.Current.Display);
            config.UseStrictParsing();
            config.Settings.Console = console;
            config.SetExceptionHandler((e, _) => ErrorReporter.Report(e, console));
            CommandCatalog.Register(config);
        });
        return app;
    }
}
