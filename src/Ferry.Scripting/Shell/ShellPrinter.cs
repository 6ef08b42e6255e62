using Ferry.Scripting.Conversion;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Scripting.Shell;

/// <summary>
/// <c>print</c>, <c>printjson</c>, <c>tojson</c> and <c>EJSON.stringify</c>/<c>EJSON.parse</c>, writing to the
/// output the host gave (standard output for <c>ferry eval</c>, a log for migrations). Objects print as mongosh
/// prints them (<see cref="ShellJsonFormatter"/>).
/// </summary>
internal static class ShellPrinter
{
    // Extended JSON spends a level of braces on some values ({"$date": …}), so the text may nest up to twice as
    // deep as the BSON it describes.
    private const int MaxEjsonDepth = 2 * NestingGuard.MaxDepth;

    public static void Install(ShellContext context, ObjectInstance global)
    {
        context.Method(global, "print", (_, args) =>
        {
            context.Output.WriteLine(string.Join(' ', args.Select(a => Describe(context, a, indent: false))));
            return JsValue.Undefined;
        });
        context.Method(global, "printjson", (_, args) =>
        {
            context.Output.WriteLine(string.Join(' ', args.Select(a => Describe(context, a, indent: true))));
            return JsValue.Undefined;
        });
        context.Method(global, "tojson", (_, args) => Describe(context, JsHelpers.Arg(args, 0), indent: true), 1);

        var ejson = new JsObject(context.Engine);
        context.Method(ejson, "stringify", (_, args) =>
        {
            var relaxed = !(JsHelpers.Arg(args, 3) is ObjectInstance options && options.Get("relaxed") is JsBoolean r && !r.AsBoolean());
            var settings = new JsonWriterSettings
            {
                OutputMode = relaxed ? JsonOutputMode.RelaxedExtendedJson : JsonOutputMode.CanonicalExtendedJson,
                Indent = JsHelpers.Arg(args, 2) is var space && !space.IsUndefined() && !space.IsNull(),
            };
            var json = new BsonDocument("v", context.ToBson.ToBson(JsHelpers.Arg(args, 0))).ToJson(settings);
            return StripWrapper(json, settings.Indent);
        }, 1);
        context.Method(ejson, "parse", (_, args) =>
        {
            var text = JsHelpers.Arg(args, 0).IsString() ? args[0].AsString() : throw JsHelpers.TypeError(context.Engine, "EJSON.parse() needs a string");
            if (NestingGuard.JsonDepth(text) > MaxEjsonDepth)
            {
                throw context.Nesting.RangeError($"EJSON.parse: text nested deeper than {MaxEjsonDepth} levels");
            }

            return context.ToJs.ToJs(BsonDocument.Parse("{\"v\":" + text + "\n}")["v"]);
        }, 1);
        global.Set("EJSON", ejson);
    }

    /// <summary>How print shows a value: strings as they are, BSON and objects as mongosh shows them.</summary>
    public static string Describe(ShellContext context, JsValue value, bool indent)
    {
        if (value.IsString())
        {
            return value.AsString();
        }

        if (value.IsUndefined())
        {
            return "undefined";
        }

        if (value is BsonValueObject wrapper)
        {
            return ShellJsonFormatter.Scalar(wrapper.Value);
        }

        if (value.IsCallable())
        {
            return "[Function]";
        }

        if (value.IsObject() || value.IsDate() || value.IsRegExp())
        {
            return ShellJsonFormatter.Format(context.ToBson.ToBson(value), indent);
        }

        return Jint.Runtime.TypeConverter.ToString(value);
    }

    private static string StripWrapper(string json, bool indented)
    {
        // {"v": X} → X, whatever whitespace the writer used.
        var start = json.IndexOf(':', StringComparison.Ordinal) + 1;
        var end = json.LastIndexOf('}');
        var inner = json[start..end].Trim();
        return indented ? inner.Replace("\n  ", "\n", StringComparison.Ordinal) : inner;
    }
}
