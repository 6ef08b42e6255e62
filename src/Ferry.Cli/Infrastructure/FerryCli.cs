using Ferry.Core.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>The <c>ferry</c> command: checks option values Spectre cannot name in its messages, then runs the verb.</summary>
public sealed class FerryCli(CommandApp app, IAnsiConsole errorConsole)
{
    public async Task<int> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        var list = args.ToList();
        try
        {
            OptionArguments.Check(list);
        }
        catch (UserInputException e)
        {
            return ErrorReporter.Report(e, errorConsole);
        }

        return await app.RunAsync(list, cancellationToken).ConfigureAwait(false);
    }
}
