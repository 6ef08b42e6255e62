using Spectre.Console;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// Expected failures come back from Ferry.Core as results, not exceptions; this maps a result's outcome to the exit
/// code (and prints its error line) the same way for every verb. Exceptions are <see cref="ErrorReporter"/>'s.
/// </summary>
public static class ResultExit
{
    /// <summary>0 when <paramref name="ok"/>; otherwise 1, after printing <paramref name="error"/> (if any) as one <c>error:</c> line (on standard error under --json).</summary>
    public static int Of(Output output, bool ok, string? error = null)
    {
        if (ok)
        {
            return ExitCodes.Ok;
        }

        if (error is not null)
        {
            (output.IsJson ? output.ErrorConsole : output.Console).MarkupLineInterpolated($"[red]error:[/] {error}");
        }

        return ExitCodes.Failed;
    }
}
