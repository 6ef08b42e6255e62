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
public sealed class MongoShell(IDocumentStore store, ScriptLimits? limits = null)
{
    private readonly ScriptLimits _limits = limits ?? ScriptLimits.Default;

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
                using var session = new ScriptSession(store.GetDatabase(database), _limits, output, cancellationToken);
                var value = session.Run(source, sourceName);
                if (value.IsUndefined())
                {
                    return new ScriptResult(null, null);
                }

                var bson = value.IsCallable() ? null : session.Context.ToBson.ToBson(value);
                return new ScriptResult(bson, ShellPrinter.Describe(session.Context, value, indent: true));
            },
            cancellationToken);
}

/// <summary>The value a script ended with (its last expression), as BSON where it has a BSON form, and as
/// mongosh would print it; both null when the script ended with <c>undefined</c>.</summary>
public sealed record ScriptResult(BsonValue? Value, string? Display);
