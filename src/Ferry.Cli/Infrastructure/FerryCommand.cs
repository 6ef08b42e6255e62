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
            // Logs and notifications of the runs this verb starts (flushed, within a bounded time, when it ends).
            await using var observability = RunObservability.Start(settings, new Output(Console, settings.Json).ErrorConsole);
            return await RunAsync(settings, new Output(Console, settings.Json), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, new Output(Console, settings.Json).ErrorConsole);
        }
    }

    protected abstract Task<int> RunAsync(TSettings settings, Output output, CancellationToken cancellationToken);
}
