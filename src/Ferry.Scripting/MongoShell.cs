using Ferry.Core.Storage;
using Ferry.Scripting.Sandbox;
using Ferry.Scripting.Shell;
using Jint;
using MongoDB.Bson;

namespace Ferry.Scripting;

/// <summary>
/// Runs mongosh-syntax JavaScript against a store: <c>db.&lt;collection&gt;.find(…)</c>, <c>insertOne</c>,
/// <c>updateMany</c>, <c>aggregate</c>, <c>bulkWrite</c>, indexes, <c>runCommand</c>, the BSON helpers
/// (ObjectId, ISODate, NumberLong, …) and print/printjson — in a sandbox with no CLR, file system or network
/// access, under <see cref="ScriptLimits"/>. What <c>ferry eval</c> calls.
/// </summary>
/// <param name="time">The scripts' clock (<c>new Date()</c>, <c>ISODate()</c>, new ObjectIds); default the system's.</param>
public sealed class MongoShell(IDocumentStore store, ScriptLimits? limits = null, TimeProvider? time = null)
{
    /// <summary>How many documents of a cursor a script ends with are shown (mongosh's batch of 20).</summary>
    public const int CursorDisplayBatch = 20;

    private readonly ScriptLimits _limits = limits ?? ScriptLimits.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Runs <paramref name="source"/> with <c>db</c> bound to <paramref name="database"/>; print output goes to
    /// <paramref name="output"/>. The script runs on a thread-pool thread (store calls inside it are awaited
    /// synchronously there). Throws <see cref="Core.Errors.UserInputException"/> for a syntax error and
    /// <see cref="ScriptFailedException"/> for an uncaught error or a broken limit.
    /// </summary>
    public Task<ScriptResult> EvaluateAsync(string database, string source, string sourceName, TextWriter output, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                using var session = new ScriptSession(store.GetDatabase(database), _limits, output, _time, cancellationToken);
                var value = session.Run(source, sourceName);
                return session.Guarded(sourceName, () => Result(session, value));
            },
            cancellationToken);

    private static ScriptResult Result(ScriptSession session, Jint.Native.JsValue value)
    {
        if (value.IsUndefined())
        {
            return new ScriptResult(null, null);
        }

        if (session.Context.TryGetCursor(value, out var cursor))
        {
            // As mongosh does for a cursor left as the result: show the first batch of documents.
            var (items, more) = cursor.Take(CursorDisplayBatch);
            var array = new Jint.Native.JsArray(session.Engine, items);
            var text = ShellPrinter.Describe(session.Context, array, indent: true) + (more ? $"\n(more than {CursorDisplayBatch} documents; use .toArray() or a limit to see them)" : string.Empty);
            return new ScriptResult(session.Context.ToBson.ToBson(array), text);
        }

        var bson = value.IsCallable() ? null : session.Context.ToBson.ToBson(value);
        return new ScriptResult(bson, ShellPrinter.Describe(session.Context, value, indent: true));
    }
}

/// <summary>The value a script ended with (its last expression), as BSON where it has a BSON form, and as
/// mongosh would print it; both null when the script ended with <c>undefined</c>.</summary>
public sealed record ScriptResult(BsonValue? Value, string? Display);
