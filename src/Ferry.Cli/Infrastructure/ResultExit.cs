namespace Ferry.Cli.Infrastructure;

/// <summary>
/// Expected failures come back from Ferry.Core as results, not exceptions; this maps a result's outcome to the exit
/// code (and prints its error line) the same way for every verb. Exceptions are <see cref="ErrorReporter"/>'s.
/// </summary>
public static class ResultExit
{
    /// <summary>0 when <paramref name="ok"/>; otherwise 1, after printing <paramref name="error"/> (if any) as one redacted
    /// <c>error:</c> line on standard error, as every error is.</summary>
    public static int Of(Output output, bool ok, string? error = null)
    {
        if (ok)
        {
            return ExitCodes.Ok;
        }

        if (error is not null)
        {
            ErrorReporter.WriteError(output.ErrorConsole, error);
        }

        return ExitCodes.Failed;
    }
}
