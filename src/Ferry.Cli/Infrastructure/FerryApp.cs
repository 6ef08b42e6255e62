using Ferry.Core.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Builds the <c>ferry</c> command: every verb is registered here, in one place.</summary>
public static class FerryApp
{
    /// <summary>
    /// The command on the process's standard output and error, or (tests) on <paramref name="console"/> for results
    /// and <paramref name="errorConsole"/> (default: the same console) for errors and warnings.
    /// </summary>
    public static FerryCli Create(IAnsiConsole? console = null, IAnsiConsole? errorConsole = null)
    {
        console = console is null ? FerryConsole.ForProcess() : new FerryConsole(console, errorConsole ?? console);
        var error = ((FerryConsole)console).Error;
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
            config.SetExceptionHandler((e, _) => ErrorReporter.Report(e, error));
            CommandCatalog.Register(config);
        });
        return new FerryCli(app, error);
    }
}
