using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// Base of every verb: parse options, call one Ferry.Core API, print the result as a table or (with --json) as
/// JSON, return an exit code. Exceptions go to <see cref="ErrorReporter"/>.
/// </summary>
public abstract class FerryCommand<TSettings>(IAnsiConsole console) : AsyncCommand<TSettings>
    where TSettings : FerrySettings
{
    protected IAnsiConsole Console { get; } = console;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var output = new Output(Console, settings.Json);
            await using var observation = RunObservation.Start(settings, output);

            // Logs and notifications of the runs this verb starts (flushed, within a bounded time, when it ends).
            await using var observability = RunObservability.Start(settings, output.ErrorConsole);
            return await RunAsync(settings, output, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, new Output(Console, settings.Json).ErrorConsole);
        }
    }

    protected abstract Task<int> RunAsync(TSettings settings, Output output, CancellationToken cancellationToken);
}
