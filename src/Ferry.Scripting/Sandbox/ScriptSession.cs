using System.Text.RegularExpressions;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Scripting.Shell;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Ferry.Scripting.Sandbox;

/// <summary>
/// One sandboxed engine with the shell installed (<c>db</c> on a database, the BSON helpers, print): the unit
/// both <c>ferry eval</c> and each JavaScript migration run in. Not thread-safe; used on one thread and disposed
/// when the script is done (open cursors are closed then).
/// </summary>
internal sealed class ScriptSession : IDisposable
{
    private readonly SandboxEngine _sandbox;
    private readonly ShellContext _context;
    private readonly Dictionary<string, ObjectInstance> _databases = new(StringComparer.Ordinal);
    private readonly IDocumentStore? _store;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _deadline;

    // Started before Jint's own deadline constraint, so when that constraint fires (it may, a moment before
    // _deadline's timer, whatever it throws) this clock already reads the time limit as spent.
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <param name="database">The database <c>db</c> is bound to; null for a session that must not touch data
    /// (loading a migration module to check it), where <c>db</c> is undefined.</param>
    /// <param name="time">The clock of <c>new Date()</c>, <c>ISODate()</c> and new ObjectIds.</param>
    public ScriptSession(IDocumentDatabase? database, ScriptLimits limits, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        _store = database?.Store;
        _sandbox = SandboxEngineFactory.Create(limits, time, cancellationToken);

        // Store calls (a find drained by toArray, a big updateMany) run in host code, where Jint's own deadline is
        // not checked: they get a token that the script's time limit cancels too.
        _caller = cancellationToken;
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (SandboxEngineFactory.HasTimeout(limits))
        {
            _deadline.CancelAfter(limits.Timeout);
        }

        _context = new ShellContext(_sandbox.Engine, output, time, _deadline.Token);
        ShellHelpers.Install(_context);
        ShellPrinter.Install(_context, _sandbox.Engine.Global);
        if (database is not null)
        {
            Db = Database(database);
            _sandbox.Engine.SetValue("db", Db);
        }
    }

    public Engine Engine => _sandbox.Engine;

    public ShellContext Context => _context;

    public ScriptLimits Limits => _sandbox.Limits;

    public ObjectInstance? Db { get; }

    /// <summary>The <c>db</c> object of another database of the same store (getSiblingDB, client.db(name)).</summary>
    public ObjectInstance Database(string name) =>
        Database((_store ?? throw new InvalidOperationException("this session has no store")).GetDatabase(name));

    private ObjectInstance Database(IDocumentDatabase database)
    {
        if (!_databases.TryGetValue(database.Name, out var db))
        {
            db = new ShellDatabase(_context, database, Database).JsObject;
            _databases[database.Name] = db;
        }

        return db;
    }

    /// <summary>Runs a script and returns its completion value, settled if it is a promise. A script using
    /// top-level <c>await</c> (as mongosh allows) runs as the body of an async function on the same lines.</summary>
    public JsValue Run(string source, string sourceName)
    {
        var prepared = Prepare(source, sourceName);
        return Guard(sourceName, () => Settle(Engine.Evaluate(prepared)));
    }

    /// <summary>Parses a script without running it: a syntax error is a <see cref="UserInputException"/> naming the
    /// file, line and column.</summary>
    public void Check(string source, string sourceName) => Prepare(source, sourceName);

    private Prepared<Acornima.Ast.Script> Prepare(string source, string sourceName)
    {
        Prepared<Acornima.Ast.Script> prepared;
        try
        {
            prepared = Engine.PrepareScript(source, sourceName);
        }
        catch (ScriptPreparationException e) when (source.Contains("await", StringComparison.Ordinal))
        {
            // Perhaps top-level await (`await x`, `for await`), as mongosh allows: run the script as the body of an
            // async function starting on the same line, so line numbers are unchanged (columns on line 1 shift by
            // the prefix). If that does not parse either, the original error is the one to report.
            try
            {
                prepared = Engine.PrepareScript("(async () => {" + source + "\n})()", sourceName);
            }
            catch (ScriptPreparationException)
            {
                throw ScriptErrorTranslator.SyntaxError(e, sourceName);
            }
        }
        catch (ScriptPreparationException e)
        {
            throw ScriptErrorTranslator.SyntaxError(e, sourceName);
        }
        catch (InsufficientExecutionStackException e)
        {
            throw ScriptErrorTranslator.Translate(e, sourceName, Limits); // source nested too deeply to parse
        }

        return prepared;
    }

    /// <summary>Calls a script function (a migration's up or down) and settles the promise it returns.</summary>
    public JsValue Call(JsValue function, JsValue thisValue, string sourceName, params JsValue[] arguments) =>
        Guard(sourceName, () => Settle(function.Call(thisValue, arguments)));

    /// <summary>Host work on the script's values after it ran (converting or showing its result), failing the way
    /// the script would: a value nested too deeply is a script error, not an unexpected one.</summary>
    public T Guarded<T>(string sourceName, Func<T> work) => Guard(sourceName, work);

    /// <summary>
    /// Waits for a promise under the script's deadline. Jint's parameterless <c>UnwrapIfPromise</c> waits a fixed
    /// 10 s whatever the limits, so <c>await new Promise(() => {})</c> overran a shorter <c>--timeout</c> and ended
    /// a longer one early; the deadline's token ends the wait exactly when the script's time is up.
    /// </summary>
    private JsValue Settle(JsValue value) => value.UnwrapIfPromise(_deadline.Token);

    public void Dispose()
    {
        _context.Dispose();
        _sandbox.Dispose();
        _deadline.Dispose();
    }

    /// <summary>A store call, a promise wait or a regex match stopped by the script's time limit (not by the caller),
    /// however Jint wrapped it; or anything Jint's own deadline constraint threw once the limit was spent (its timer
    /// and _deadline's race: under load the constraint fired first and its exception surfaced as an unexpected error).</summary>
    private bool IsDeadline(Exception e) =>
        !_caller.IsCancellationRequested
        && ((_deadline.IsCancellationRequested && (e is OperationCanceledException or RegexMatchTimeoutException || e.GetBaseException() is OperationCanceledException))
            || (SandboxEngineFactory.HasTimeout(Limits) && _clock.Elapsed >= Limits.Timeout
                && e is not (ScriptFailedException or UserInputException or JavaScriptException or PromiseRejectedException)));

    private T Guard<T>(string sourceName, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsDeadline(e))
        {
            throw ScriptErrorTranslator.Translate(new TimeoutException(), sourceName, Limits);
        }
        catch (Exception e) when (ScriptErrorTranslator.Translate(e, sourceName, Limits) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }
}
