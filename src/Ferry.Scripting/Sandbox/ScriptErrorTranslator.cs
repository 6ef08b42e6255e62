using System.Text.RegularExpressions;
using Ferry.Core.Errors;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Ferry.Scripting.Sandbox;

/// <summary>
/// Turns what Jint throws into Ferry's errors: a syntax error is bad input (<see cref="UserInputException"/>,
/// exit 2, <c>file:line:column</c>); an uncaught script error, a rejected promise or a broken limit is a
/// <see cref="ScriptFailedException"/> naming where it happened. Cancellation passes through.
/// </summary>
internal static partial class ScriptErrorTranslator
{
    public static Exception SyntaxError(ScriptPreparationException e, string sourceName)
    {
        var text = e.InnerException?.Message ?? e.Message;
        var match = TrailingLocation().Match(text);
        return match.Success
            ? new UserInputException($"{match.Groups["loc"].Value}: SyntaxError: {match.Groups["desc"].Value}", e)
            : new UserInputException($"{sourceName}: SyntaxError: {text}", e);
    }

    public static Exception Translate(Exception e, string sourceName, ScriptLimits limits) => e switch
    {
        OperationCanceledException or UserInputException or ScriptFailedException => e,
        JavaScriptException js => FromError(js.Error, sourceName, js.Location.Start.Line, js.Location.Start.Column + 1, js.Location.SourceFile, e),
        PromiseRejectedException rejected => FromError(rejected.RejectedValue, sourceName, null, null, null, e),
        // Before TimeoutException, which it derives from: a match that timed out before the script's deadline.
        RegexMatchTimeoutException regex => new ScriptFailedException(sourceName, null, null, "RegexTimeLimitExceeded", FormattableString.Invariant($"a regular expression match took longer than {regex.MatchTimeout.TotalSeconds:0.###} s (catastrophic backtracking?)"), inner: e),
        TimeoutException => new ScriptFailedException(sourceName, null, null, "TimeLimitExceeded", $"the script ran longer than its time limit of {limits.Timeout}", inner: e),
        // Jint's MaxArraySize, set from the memory limit: its own words name neither the limit nor the option.
        MemoryLimitExceededException when ArraySize().Match(e.Message) is { Success: true } array => new ScriptFailedException(sourceName, null, null, "MemoryLimitExceeded", $"script memory limit exceeded: an array of {array.Groups["size"].Value} elements does not fit in the limit of {limits.MemoryLimitBytes / (1024 * 1024)} MiB (at most {array.Groups["max"].Value} elements; see --memory-limit)", inner: e),
        MemoryLimitExceededException => new ScriptFailedException(sourceName, null, null, "MemoryLimitExceeded", e.Message, inner: e),
        StatementsCountOverflowException => new ScriptFailedException(sourceName, null, null, "StatementLimitExceeded", $"the script ran more than {limits.MaxStatements} statements", inner: e),
        RecursionDepthOverflowException recursion => new ScriptFailedException(sourceName, null, null, "RecursionLimitExceeded", $"call depth beyond {limits.MaxRecursionDepth} in {recursion.CallExpressionReference}", inner: e),

        // The stack probe of a recursive routine that is not a script function (the parser on deeply nested
        // source, eval'd code): the same failure as Jint's own guard, reported the same way.
        InsufficientExecutionStackException => new ScriptFailedException(sourceName, null, null, "RangeError", "Maximum call stack size exceeded (nested too deeply)", inner: e),
        ScriptPreparationException prep => SyntaxError(prep, sourceName),
        _ => e,
    };

    private static ScriptFailedException FromError(JsValue error, string sourceName, int? line, int? column, string? file, Exception inner)
    {
        if (error is not ObjectInstance obj)
        {
            return new ScriptFailedException(file ?? sourceName, line, column, "Error", "uncaught " + error, inner: inner);
        }

        var name = Text(obj.Get("name")) ?? "Error";
        var message = Text(obj.Get("message")) ?? error.ToString();
        int? code = obj.Get("code") is JsNumber n ? (int)n.AsNumber() : null;
        var codeName = Text(obj.Get("codeName"));
        if (Text(obj.Get("stack")) is { } stack && StackLocation().Match(stack) is { Success: true } at)
        {
            // The stack points at the throwing statement inside the function, which beats the engine's
            // location for a rejected promise (none) and for a rethrow.
            file = at.Groups["file"].Value;
            line = int.Parse(at.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            column = int.Parse(at.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ScriptFailedException(string.IsNullOrEmpty(file) ? sourceName : file, line, column, name, Hinted(name, message), code, codeName, inner);
    }

    // Scripts written from Python examples (the guide's) use Python's constants; say what JavaScript calls them.
    private static string Hinted(string name, string message) =>
        name == "ReferenceError" && PythonConstant().Match(message) is { Success: true } m
            ? $"{message} (JavaScript spells it {m.Groups["word"].Value switch { "True" => "true", "False" => "false", _ => "null" }})"
            : message;

    [GeneratedRegex(@"^(?<word>True|False|None) is not defined$")]
    private static partial Regex PythonConstant();

    private static string? Text(JsValue value) => value.IsString() ? value.AsString() : null;

    [GeneratedRegex(@"^(?:Could not prepare script: )?(?<desc>.*) \((?<loc>[^()]*:\d+:\d+)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex TrailingLocation();

    [GeneratedRegex(@"at (?:[^\n(]*\()?(?<file>[^\s():]+):(?<line>\d+):(?<col>\d+)")]
    private static partial Regex StackLocation();

    [GeneratedRegex(@"array size (?<size>\d+) is larger than maximum allowed \((?<max>\d+)\)")]
    private static partial Regex ArraySize();
}
