using Ferry.Core.Errors;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using Ferry.Scripting.Conversion;
using Ferry.Scripting.Sandbox;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace Ferry.Scripting.Migrations;

/// <summary>
/// Runs JavaScript migrations in the sandbox, in migrate-mongo's module format:
/// <code>
/// module.exports = {
///   description: "Add user profile fields",          // optional; else taken from the file name
///   async up(db, client) { await db.users.updateMany({}, { $set: { … } }); },
///   async down(db, client) { … },
/// };
/// </code>
/// (<c>exports.up = …</c> works too), and mongosh scripts: a file without <c>module.exports</c> runs its top level
/// as the up part, with <c>NAME.down.js</c> beside it as the down part (see <see cref="IsModule"/>). <c>db</c> is the mongosh-style database object (also answering the Node
/// driver's <c>db.collection(name)</c>); <c>client.db(name)</c> gives another database of the same store. Each
/// migration gets a fresh engine under <see cref="ScriptLimits"/> (default here: 30 minutes, 512 MiB).
/// </summary>
/// <param name="time">The migrations' clock (<c>new Date()</c>, <c>ISODate()</c>, new ObjectIds); default the system's.</param>
public sealed partial class JintMigrationScriptRunner(ScriptLimits? limits = null, TextWriter? output = null, TimeProvider? time = null) : IMigrationScriptRunner
{
    public static readonly ScriptLimits DefaultLimits = new() { Timeout = TimeSpan.FromMinutes(30) };

    private static readonly string[] SessionNoOps = ["startTransaction", "commitTransaction", "endSession"];

    private readonly ScriptLimits _limits = limits ?? DefaultLimits;
    private readonly TextWriter _output = output ?? TextWriter.Null;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public MigrationScriptInfo Inspect(MigrationScript script)
    {
        if (!IsModule(script.Text))
        {
            // A mongosh script: its top level is the up part, so checking it must not run it (db is not there yet).
            using var checker = new ScriptSession(null, _limits with { Timeout = TimeSpan.FromSeconds(30) }, _output, _time, CancellationToken.None);
            checker.Check(script.Text, script.FileName);
            if (script.DownText is not null)
            {
                checker.Check(script.DownText, script.DownFileName!);
            }

            return new MigrationScriptInfo(script.DownText is not null, null);
        }

        try
        {
            using var session = new ScriptSession(null, _limits with { Timeout = TimeSpan.FromSeconds(30) }, _output, _time, CancellationToken.None);
            var exports = LoadModule(session, script);
            _ = Part(exports, script, MigrationDirection.Up);
            var down = exports.Get("down");
            var description = exports.Get("description");
            return new MigrationScriptInfo(down.IsCallable(), description.IsString() ? description.AsString() : null);
        }
        catch (ScriptFailedException e)
        {
            throw new UserInputException($"{e.Message} (while loading the module; keep data access inside up/down)", e);
        }
    }

    public Task RunAsync(MigrationScript script, MigrationDirection direction, IDocumentDatabase database, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                using var session = new ScriptSession(database, _limits, _output, _time, cancellationToken);
                if (!IsModule(script.Text))
                {
                    RunShellScript(session, script, direction);
                    return;
                }

                var exports = LoadModule(session, script);
                var part = Part(exports, script, direction);
                session.Call(part, exports, script.FileName, session.Db!, Client(session));
            },
            cancellationToken);

    /// <summary>
    /// A file that never mentions <c>module.exports</c> or <c>exports.x =</c> is a mongosh script (the guide's
    /// migrations are written so): its top level, with <c>db</c> bound, is the up part; <c>NAME.down.js</c> beside it
    /// is the down part, and without one the migration is irreversible.
    /// </summary>
    public static bool IsModule(string text) => ModuleExports().IsMatch(text);

    private static void RunShellScript(ScriptSession session, MigrationScript script, MigrationDirection direction)
    {
        if (direction == MigrationDirection.Up)
        {
            session.Run(script.Text, script.FileName);
        }
        else
        {
            session.Run(script.DownText ?? throw new UserInputException($"{script.FileName}: a mongosh script migration without {Path.GetFileNameWithoutExtension(script.FileName)}.down.js beside it cannot be undone"), script.DownFileName!);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bmodule\.exports\b|\bexports\.[A-Za-z_$][\w$]*\s*=")]
    private static partial System.Text.RegularExpressions.Regex ModuleExports();

    private static ObjectInstance LoadModule(ScriptSession session, MigrationScript script)
    {
        var module = new JsObject(session.Engine);
        module.Set("exports", new JsObject(session.Engine));
        session.Engine.SetValue("module", module);
        session.Engine.SetValue("exports", module.Get("exports"));
        session.Run(script.Text, script.FileName);
        return module.Get("exports") as ObjectInstance
            ?? throw new UserInputException($"{script.FileName}: module.exports must be an object with up(db, client) and down(db, client)");
    }

    private static JsValue Part(ObjectInstance exports, MigrationScript script, MigrationDirection direction)
    {
        var name = direction == MigrationDirection.Up ? "up" : "down";
        var part = exports.Get(name);
        return part.IsCallable()
            ? part
            : throw new UserInputException($"{script.FileName}: module.exports has no {name} function; expected module.exports = {{ async up(db, client) {{…}}, async down(db, client) {{…}} }}");
    }

    /// <summary>
    /// migrate-mongo's second argument (a MongoClient): <c>db(name)</c>, and <c>startSession()</c> so modules using
    /// the driver's transaction pattern run unchanged — but without a transaction: the session's
    /// <c>withTransaction(fn)</c> just runs <c>fn</c>, so a failure leaves the writes made before it (the migration
    /// is recorded as failed; its down part or the pre-migration backup undo it). <c>abortTransaction()</c> throws,
    /// since nothing can be rolled back.
    /// </summary>
    private static ObjectInstance Client(ScriptSession session)
    {
        var engine = session.Engine;
        var client = new JsObject(engine);
        JsHelpers.Method(engine, client, "db", (_, args) =>
            JsHelpers.Arg(args, 0) is var name && name.IsString() ? session.Database(name.AsString()) : session.Db!, 1);
        JsHelpers.Method(engine, client, "startSession", (_, _) =>
        {
            var transactionSession = new JsObject(engine);
            JsHelpers.Method(engine, transactionSession, "withTransaction", (_, args) =>
                JsHelpers.Arg(args, 0) is var body && body.IsCallable() ? body.Call(JsValue.Undefined, [transactionSession]) : JsValue.Undefined, 1);
            foreach (var noOp in SessionNoOps)
            {
                JsHelpers.Method(engine, transactionSession, noOp, (_, _) => JsValue.Undefined);
            }

            JsHelpers.Method(engine, transactionSession, "abortTransaction", (_, _) =>
                throw JsHelpers.Error(engine, "abortTransaction: Ferry runs migrations without transactions, so writes already made stay; throw instead and roll back with the down part"));
            return transactionSession;
        });
        return client;
    }
}
