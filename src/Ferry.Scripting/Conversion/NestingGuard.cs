using System.Runtime.CompilerServices;
using Jint;
using Jint.Native.Error;
using Jint.Runtime;

namespace Ferry.Scripting.Conversion;

/// <summary>
/// Keeps Ferry's own recursive host code (JS ↔ BSON conversion, EJSON parsing) from overflowing the stack, which
/// would kill the process rather than fail the script. Each level checks a depth limit (BSON's nesting; a cycle
/// hits it too) and probes the stack left, as Jint's <c>StackOverflowGuard</c> does for script code: a conversion
/// entered from deep inside a script's own recursion may have little stack left before the limit is reached.
/// Built before any script runs, so a script that reassigns the global <c>RangeError</c> changes nothing here.
/// </summary>
internal sealed class NestingGuard(Engine engine)
{
    private readonly ErrorConstructor _rangeError = (ErrorConstructor)engine.GetValue("RangeError");

    /// <summary>How deep a value may nest to become BSON. MongoDB refuses to store documents nested deeper than
    /// 100 levels; filters, updates and printed values get some room beyond that.</summary>
    public const int MaxDepth = 150;

    public JavaScriptException RangeError(string message) => new(_rangeError, message);

    /// <summary>Fails a conversion at <paramref name="depth"/> (0 for the value itself) that is too deep or has too
    /// little stack left, with a catchable RangeError.</summary>
    public void Enter(int depth)
    {
        if (depth > MaxDepth)
        {
            throw RangeError($"value nested deeper than {MaxDepth} levels (MongoDB stores documents at most 100 deep; a cycle?)");
        }

        Probe();
    }

    /// <summary>Fails with the script's "Maximum call stack size exceeded" when the stack is nearly used up.</summary>
    public void Probe()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw RangeError("Maximum call stack size exceeded");
        }
    }

    /// <summary>
    /// How deeply the objects and arrays of JSON text nest (brackets inside strings do not count), read without
    /// recursion: the BSON library parses JSON recursively, so text nested deep enough overflows its stack, and
    /// must be refused before it is handed over.
    /// </summary>
    public static int JsonDepth(string text)
    {
        int depth = 0, deepest = 0;
        char? quote = null; // the BSON library's JSON reader takes 'single-quoted' strings too
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '{' or '[')
            {
                deepest = Math.Max(deepest, ++depth);
            }
            else if (c is '}' or ']')
            {
                depth--;
            }
        }

        return deepest;
    }
}
