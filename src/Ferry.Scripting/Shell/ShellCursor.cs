using Ferry.Core.Storage;
using Ferry.Scripting.Conversion;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime.Descriptors;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>
/// mongosh's cursor over a find or an aggregation: chainable modifiers (limit, skip, sort, projection — find
/// only, before iteration starts), and the ways to read it (next/hasNext/tryNext, toArray, forEach, map, itcount,
/// count, size, and <c>for … of</c> / <c>for await … of</c>). Documents are pulled from the store one at a time,
/// so a cursor over a large collection does not load it.
/// </summary>
internal sealed class ShellCursor : IDisposable
{
    private readonly ShellContext _context;
    private readonly Func<FindOptions, CancellationToken, IAsyncEnumerable<BsonDocument>> _source;
    private readonly Func<CancellationToken, Task<long>>? _count;
    private readonly List<JsValue> _maps = [];
    private FindOptions _options = new();
    private IAsyncEnumerator<BsonDocument>? _enumerator;
    private BsonDocument? _buffered;
    private bool _exhausted;

    /// <param name="count">countDocuments for <c>count()</c>/<c>size()</c>; null for aggregation cursors.</param>
    public ShellCursor(ShellContext context, Func<FindOptions, CancellationToken, IAsyncEnumerable<BsonDocument>> source, Func<CancellationToken, Task<long>>? count)
    {
        _context = context;
        _source = source;
        _count = count;
        JsObject = new JsObject(context.Engine);
        DefineMethods();
        context.Register(this);
    }

    public ObjectInstance JsObject { get; }

    private bool IsFind => _count is not null;

    public void Dispose()
    {
        if (_enumerator is not null)
        {
            _enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _enumerator = null;
        }
    }

    /// <summary>Up to <paramref name="count"/> more documents, and whether any remain: what mongosh shows for a
    /// cursor a script ends with.</summary>
    public (JsValue[] Items, bool More) Take(int count)
    {
        var items = new List<JsValue>();
        while (items.Count < count && Next() is { } item)
        {
            items.Add(item);
        }

        return (items.ToArray(), Fill());
    }

    private void DefineMethods()
    {
        Modifier("limit", (o, v) => o with { Limit = v.IsUndefined() || (long)v.AsNumber() == 0 ? null : Math.Abs((long)v.AsNumber()) });
        Modifier("skip", (o, v) => o with { Skip = v.IsUndefined() ? null : (long)v.AsNumber() });
        Modifier("sort", (o, v) => o with { Sort = _context.ToBson.ToOptionalDocument(v, "sort") });
        Modifier("project", (o, v) => o with { Projection = _context.ToBson.ToOptionalDocument(v, "projection") });
        Modifier("projection", (o, v) => o with { Projection = _context.ToBson.ToOptionalDocument(v, "projection") });
        Modifier("batchSize", (o, v) => o with { BatchSize = v.IsUndefined() ? o.BatchSize : Math.Max(1, (int)v.AsNumber()) });
        foreach (var ignored in new[] { "maxTimeMS", "comment", "hint", "allowDiskUse", "readPref", "noCursorTimeout", "collation", "pretty", "readConcern" })
        {
            _context.Method(JsObject, ignored, (self, _) => self);
        }

        _context.Method(JsObject, "hasNext", (_, _) => Fill() ? JsBoolean.True : JsBoolean.False);
        _context.Method(JsObject, "next", (_, _) => Next() ?? JsValue.Null);
        _context.Method(JsObject, "tryNext", (_, _) => Next() ?? JsValue.Null);
        _context.Method(JsObject, "toArray", (_, _) => new JsArray(_context.Engine, Drain().ToArray()));
        _context.Method(JsObject, "forEach", (_, args) =>
        {
            var callback = RequireFunction(args, "forEach");
            while (Next() is { } item)
            {
                // As in mongosh, returning false from the callback stops the iteration.
                if (callback.Call(JsValue.Undefined, [item]) is JsBoolean { } result && !result.AsBoolean())
                {
                    break;
                }
            }

            return JsValue.Undefined;
        }, 1);
        _context.Method(JsObject, "map", (self, args) =>
        {
            _maps.Add(RequireFunction(args, "map"));
            return self;
        }, 1);
        _context.Method(JsObject, "itcount", (_, _) => Drain().Count());
        _context.Method(JsObject, "count", (_, _) => Count(applySkipLimit: false));
        _context.Method(JsObject, "size", (_, _) => Count(applySkipLimit: true));
        _context.Method(JsObject, "close", (_, _) =>
        {
            Dispose();
            _exhausted = true;
            return JsValue.Undefined;
        });
        _context.Method(JsObject, "isExhausted", (_, _) => _exhausted && _buffered is null ? JsBoolean.True : JsBoolean.False);
        _context.Method(JsObject, "isClosed", (_, _) => _exhausted ? JsBoolean.True : JsBoolean.False);

        // A sync iterator serves both for…of and for await…of (the engine adapts it for the async form).
        JsObject.FastSetProperty(GlobalSymbolRegistry.Iterator, new PropertyDescriptor(
            new Jint.Runtime.Interop.ClrFunction(_context.Engine, "[Symbol.iterator]", (_, _) => CreateIterator()), true, false, true));
    }

    private void Modifier(string name, Func<FindOptions, JsValue, FindOptions> apply) =>
        _context.Method(JsObject, name, (self, args) =>
        {
            if (_enumerator is not null || _exhausted)
            {
                throw _context.Errors.ToJavaScript(new ArgumentException($"cursor.{name}() cannot be called after the cursor has been read (MongoCursorInUseError)"));
            }

            if (!IsFind && name is "limit" or "skip" or "sort" or "project" or "projection")
            {
                throw _context.Errors.ToJavaScript(new ArgumentException($"an aggregation cursor has no {name}(); add a ${(name.StartsWith("proj", StringComparison.Ordinal) ? "project" : name)} stage to the pipeline"));
            }

            _options = apply(_options, JsHelpers.Arg(args, 0));
            return self;
        }, 1);

    private ObjectInstance CreateIterator()
    {
        var iterator = new JsObject(_context.Engine);
        _context.Method(iterator, "next", (_, _) =>
        {
            var result = new JsObject(_context.Engine);
            var item = Next();
            result.Set("value", item ?? JsValue.Undefined);
            result.Set("done", item is null);
            return result;
        });
        _context.Method(iterator, "return", (_, _) =>
        {
            Dispose();
            _exhausted = true;
            var result = new JsObject(_context.Engine);
            result.Set("done", true);
            return result;
        });
        return iterator;
    }

    private JsValue RequireFunction(JsValue[] args, string method) =>
        JsHelpers.Arg(args, 0) is { } f && f.IsCallable()
            ? f
            : throw JsHelpers.TypeError(_context.Engine, $"cursor.{method}() needs a function");

    private IEnumerable<JsValue> Drain()
    {
        var drained = 0;
        while (Next() is { } item)
        {
            // One host call can pull a whole collection: the memory and time limits are checked as it goes.
            if (++drained % 256 == 0)
            {
                _context.Engine.Constraints.Check();
            }

            yield return item;
        }
    }

    private bool Fill()
    {
        if (_buffered is not null)
        {
            return true;
        }

        if (_exhausted)
        {
            return false;
        }

        _enumerator ??= _source(_options, _context.CancellationToken).GetAsyncEnumerator(_context.CancellationToken);
        var enumerator = _enumerator;
        if (_context.Await(_ => enumerator.MoveNextAsync().AsTask()))
        {
            _buffered = enumerator.Current;
            return true;
        }

        _exhausted = true;
        Dispose();
        return false;
    }

    private JsValue? Next()
    {
        if (!Fill())
        {
            return null;
        }

        var document = _buffered!;
        _buffered = null;
        JsValue value = _context.ToJs.ToJs(document);
        foreach (var map in _maps)
        {
            value = map.Call(JsValue.Undefined, [value]);
        }

        return value;
    }

    private JsValue Count(bool applySkipLimit)
    {
        if (_count is null)
        {
            throw _context.Errors.ToJavaScript(new ArgumentException("an aggregation cursor has no count(); add a $count stage"));
        }

        var total = _context.Await(_count);
        if (applySkipLimit)
        {
            total = Math.Max(0, total - (_options.Skip ?? 0));
            if (_options.Limit is { } limit)
            {
                total = Math.Min(total, limit);
            }
        }

        return _context.ToJs.ToJs(WriteResults.Count(total));
    }
}
