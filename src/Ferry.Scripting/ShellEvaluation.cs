using Ferry.Core.Migrations.DryRun;
using Ferry.Core.Storage;

namespace Ferry.Scripting;

/// <summary>
/// <c>ferry eval</c>'s engine: runs a script through <see cref="MongoShell"/> — in a dry run against a recording
/// store that keeps every write back — and returns the outcome, a script failure included, as an <see cref="EvalResult"/>.
/// </summary>
public static class ShellEvaluation
{
    /// <summary>
    /// Runs <paramref name="source"/> on <paramref name="database"/>; what the script prints goes to
    /// <paramref name="printed"/>; <paramref name="time"/> is the script's clock (default the system's). A syntax error still throws <see cref="Core.Errors.UserInputException"/> (bad input).
    /// </summary>
    public static async Task<EvalResult> RunAsync(IDocumentStore store, string database, string source, string sourceName, TextWriter printed, ScriptLimits limits, bool dryRun, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var writes = dryRun ? new WriteLog() : null;
        IDocumentStore target = writes is null ? store : new RecordingStore(store, writes);
        try
        {
            var result = await new MongoShell(target, limits, time).EvaluateAsync(database, source, sourceName, printed, cancellationToken).ConfigureAwait(false);
            return new EvalResult(result.Value, result.Display) { Writes = writes?.Writes };
        }
        catch (ScriptFailedException e)
        {
            return new EvalResult(null, null) { Failure = ScriptFailure.From(e) };
        }
    }
}
