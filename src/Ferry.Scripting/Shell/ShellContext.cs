using Ferry.Scripting.Conversion;
using Jint;
using Jint.Native;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>
/// What every shell object shares: the engine, the BSON↔JS converters, the store and where printing goes. Store
/// calls are made synchronously on the script's thread (<see cref="Await{T}"/>): Jint runs on one thread and the
/// host functions it calls are synchronous, so each async store call is awaited with
/// <c>GetAwaiter().GetResult()</c>. <see cref="MongoShell"/> runs scripts on a thread-pool thread with no
/// synchronisation context, so this cannot deadlock. Because results are plain values, <c>await</c> on them also
/// works (awaiting a non-promise yields the value), so scripts written either way run unchanged.
/// </summary>
internal sealed class ShellContext : IDisposable
{
    private readonly List<IDisposable> _resources = [];
    private readonly Dictionary<Jint.Native.Object.ObjectInstance, ShellCursor> _cursors = [];

    public ShellContext(Engine engine, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        Engine = engine;
        Output = output;
        Time = time;
        CancellationToken = cancellationToken;
        Prototypes = new BsonPrototypes(engine);
        Nesting = new NestingGuard(engine);
        ToBson = new JsToBsonConverter(engine, Nesting);
        ToJs = new BsonToJsConverter(engine, Prototypes, Nesting);
        Errors = new ShellErrors(engine, ToJs);
    }

    public Engine Engine { get; }

    public TextWriter Output { get; }

    /// <summary>The one clock: ISODate(), new ObjectIds (their timestamp) and the engine's Date.</summary>
    public TimeProvider Time { get; }

    /// <summary>A new ObjectId stamped with <see cref="Time"/>.</summary>
    public ObjectId NewObjectId() => ObjectId.GenerateNewId(Time.GetUtcNow().UtcDateTime);

    public CancellationToken CancellationToken { get; }

    public BsonPrototypes Prototypes { get; }

    /// <summary>Depth and stack limits of the host code that walks script values and BSON.</summary>
    public NestingGuard Nesting { get; }

    public JsToBsonConverter ToBson { get; }

    public BsonToJsConverter ToJs { get; }

    public ShellErrors Errors { get; }

    /// <summary>Remembers a cursor's script object, so the host can recognise a cursor a script ends with.</summary>
    public void Register(ShellCursor cursor)
    {
        _cursors[cursor.JsObject] = cursor;
        _resources.Add(cursor);
    }

    public bool TryGetCursor(JsValue value, out ShellCursor cursor)
    {
        cursor = null!;
        return value is Jint.Native.Object.ObjectInstance o && _cursors.TryGetValue(o, out cursor!);
    }

    /// <summary>Keeps an open resource (a cursor) to close when the script ends, read to the end or not.</summary>
    public void Track(IDisposable resource) => _resources.Add(resource);

    public void Dispose()
    {
        foreach (var resource in _resources)
        {
            resource.Dispose();
        }

        _resources.Clear();
    }

    /// <summary>Runs a store call to completion, turning store errors into catchable script errors.</summary>
    public T Await<T>(Func<CancellationToken, Task<T>> call)
    {
        try
        {
            return call(CancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception e) when (ShellErrors.IsScriptVisible(e))
        {
            throw Errors.ToJavaScript(e);
        }
    }

    public void Await(Func<CancellationToken, Task> call) =>
        Await<bool>(async ct =>
        {
            await call(ct).ConfigureAwait(false);
            return true;
        });

    /// <summary>Runs synchronous host code that may raise store errors (enumerating a cursor).</summary>
    public T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (ShellErrors.IsScriptVisible(e))
        {
            throw Errors.ToJavaScript(e);
        }
    }

    /// <summary>Defines a host method whose store errors become script errors.</summary>
    public void Method(Jint.Native.Object.ObjectInstance target, string name, Func<JsValue, JsValue[], JsValue> body, int length = 0) =>
        JsHelpers.Method(Engine, target, name, (self, args) => Guard(() => body(self, args)), length);
}
