using Ferry.Cli.Infrastructure;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Ferry.Scripting;
using Spectre.Console;

namespace Ferry.Cli.Commands.Eval;

/// <summary><c>ferry eval</c>: runs a mongosh-syntax script against a store (<see cref="ShellEvaluation"/>) and prints
/// what it printed and the value it ended with. A script error prints <c>file:line:column</c> and exits 1.</summary>
public sealed class EvalCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<EvalSettings>(console)
{
    protected override async Task<int> RunAsync(EvalSettings settings, Output output, CancellationToken cancellationToken)
    {
        var (source, sourceName) = ReadSource(settings);
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        // Under --json the script's own printing goes to standard error, keeping standard output one JSON document.
        var printed = output.IsJson ? System.Console.Error : output.Console.Profile.Out.Writer;
        var result = await ShellEvaluation.RunAsync(store, settings.ResolveDatabase(), source, sourceName, printed, settings.Limits(), settings.DryRun, FixedTimeProvider.FromEnvironment(), cancellationToken).ConfigureAwait(false);
        output.Json(result.ToBson());
        if (result.Ok)
        {
            Render(output, result);
        }

        return ResultExit.Of(output, result.Ok, result.Failure?.Message);
    }

    private static void Render(Output output, EvalResult result)
    {
        if (!output.IsJson && result.Display is not null)
        {
            output.Console.Profile.Out.Writer.WriteLine(result.Display);
        }

        if (result.Writes is { } writes)
        {
            output.Line($"[grey]dry run: {writes.Count} write(s) not made[/]");
            foreach (var write in writes)
            {
                output.Line($"    [grey]{Markup.Escape(write.ToString())}[/]");
            }
        }
    }

    private static (string Source, string Name) ReadSource(EvalSettings settings)
    {
        if (settings.Eval is not null)
        {
            return (settings.Eval, "<eval>");
        }

        try
        {
            return (System.IO.File.ReadAllText(settings.File!), Path.GetFileName(settings.File!));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--file {settings.File}: cannot read: {e.Message}", e);
        }
    }
}
