using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Query.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// The one place that turns an exception into an exit code and a one-line message on standard error (the console
/// given is the error console). Every message is redacted (<see cref="UriRedactor.RedactText"/>): parse errors and
/// unknown commands echo arguments, and a mistyped URI may hold a password. Stack traces are shown only for
/// unexpected errors and only when FERRY_DEBUG=1.
/// </summary>
public static class ErrorReporter
{
    public static int Report(Exception exception, IAnsiConsole console)
    {
        var error = Unwrap(exception);
        switch (error)
        {
            case CommandParseException or CommandRuntimeException or CommandConfigurationException:
                WriteError(console, error.Message + " (see ferry --help)");
                return ExitCodes.BadInput;
            case UserInputException:
                WriteError(console, error.Message);
                return ExitCodes.BadInput;
            case Core.Errors.OperationFailedException:
                WriteError(console, error.Message);
                return ExitCodes.Failed;
            case MqlException mql:
                WriteError(console, $"{mql.Message} (code {mql.Code}, {mql.CodeName})");
                return ExitCodes.BadInput;
            case OperationCanceledException:
                WriteError(console, "stopped (Ctrl-C); committed work is kept and a run can be resumed");
                return ExitCodes.Cancelled;
            case var _ when FileErrors.Describe(error) is { } file:
                WriteError(console, file.Message);
                return file.Exit;
            default:
                WriteError(console, $"unexpected error: {error.Message}");
                if (Environment.GetEnvironmentVariable("FERRY_DEBUG") == "1")
                {
                    console.Profile.Out.Writer.WriteLine(UriRedactor.RedactText(error.ToString()));
                }

                return ExitCodes.Failed;
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } || (e.InnerException is not null && e is CommandAppException && e.GetType() == typeof(CommandAppException)))
        {
            e = e.InnerException!;
        }

        return e;
    }

    /// <summary>One line (a log line must hold the whole message), with anything like a password hidden.</summary>
    public static void WriteError(IAnsiConsole console, string message) =>
        console.MarkupLineInterpolated($"[red]error:[/] {OneLine(UriRedactor.RedactText(message))}");

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
