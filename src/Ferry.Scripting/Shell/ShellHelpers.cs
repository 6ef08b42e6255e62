using System.Globalization;
using Ferry.Scripting.Conversion;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>
/// mongosh's BSON helpers: <c>ObjectId</c>, <c>ISODate</c>, <c>NumberLong</c>/<c>Long</c>, <c>NumberInt</c>/<c>Int32</c>,
/// <c>Double</c>, <c>NumberDecimal</c>/<c>Decimal128</c>, <c>UUID</c>, <c>Timestamp</c>, <c>BinData</c>,
/// <c>MinKey</c>/<c>MaxKey</c>, and the methods their values have (toString, toHexString, getTimestamp, toNumber,
/// equals, toJSON, …). The constructors are small script functions (so both <c>ObjectId()</c> and
/// <c>new ObjectId()</c> work and <c>instanceof</c> holds) over host factories that the script cannot reach.
/// </summary>
internal static class ShellHelpers
{
    private const string Prelude = """
        (function (host, prototypes) {
          'use strict';
          function define(names, kind, make) {
            const ctor = function (...args) { return make(...args); };
            ctor.prototype = prototypes[kind];
            Object.defineProperty(prototypes[kind], 'constructor', { value: ctor, writable: true, configurable: true });
            for (const name of names) {
              Object.defineProperty(globalThis, name, { value: ctor, writable: true, configurable: true });
            }
          }
          define(['ObjectId'], 'ObjectId', host.objectId);
          define(['NumberLong', 'Long'], 'Long', host.numberLong);
          define(['NumberInt', 'Int32'], 'Int32', host.numberInt);
          define(['Double'], 'Double', host.double);
          define(['NumberDecimal', 'Decimal128'], 'Decimal128', host.numberDecimal);
          define(['Timestamp'], 'Timestamp', host.timestamp);
          define(['BinData', 'Binary'], 'Binary', host.binData);
          define(['MinKey'], 'MinKey', host.minKey);
          define(['MaxKey'], 'MaxKey', host.maxKey);
          Object.defineProperty(globalThis, 'UUID', { value: function (s) { return host.uuid(s); }, writable: true, configurable: true });
          Object.defineProperty(globalThis, 'ISODate', { value: function (s) { return host.isoDate(s); }, writable: true, configurable: true });
          Object.defineProperty(prototypes.ObjectId, 'str', { get() { return this.toHexString(); } });
          Object.defineProperty(prototypes.Timestamp, 't', { get() { return this.toJSON().$timestamp.t; } });
          Object.defineProperty(prototypes.Timestamp, 'i', { get() { return this.toJSON().$timestamp.i; } });
          Object.defineProperty(prototypes.Binary, 'sub_type', { get() { return parseInt(this.toJSON().$binary.subType, 16); } });
        })
        """;

    public static void Install(ShellContext context)
    {
        var engine = context.Engine;
        var host = new JsObject(engine);
        Factory(context, host, "objectId", args => args.Length == 0 || args[0].IsUndefined() || args[0].IsNull()
            ? context.NewObjectId()
            : ObjectId.TryParse(Text(args[0]), out var id) ? id : throw new ArgumentException($"ObjectId: '{args[0]}' is not 24 hex digits"));
        Factory(context, host, "numberLong", args => new BsonInt64(Int64Of(context, JsHelpers.Arg(args, 0))));
        Factory(context, host, "numberInt", args => new BsonInt32((int)Int64Of(context, JsHelpers.Arg(args, 0))));
        Factory(context, host, "double", args => new BsonDouble(JsHelpers.Arg(args, 0) is var v && v.IsUndefined() ? 0 : Jint.Runtime.TypeConverter.ToNumber(v)));
        Factory(context, host, "numberDecimal", args => Decimal128.Parse(JsHelpers.Arg(args, 0) is var v && v.IsUndefined() ? "0" : Text(v)));
        Factory(context, host, "timestamp", args => Timestamp(context, args));
        Factory(context, host, "binData", args => new BsonBinaryData(
            Convert.FromBase64String(Text(JsHelpers.Arg(args, 1))), (BsonBinarySubType)(int)Jint.Runtime.TypeConverter.ToNumber(JsHelpers.Arg(args, 0))));
        Factory(context, host, "uuid", args => new BsonBinaryData(
            args.Length == 0 || args[0].IsUndefined() ? Guid.NewGuid() : Guid.Parse(Text(args[0])), GuidRepresentation.Standard));
        Factory(context, host, "minKey", _ => BsonMinKey.Value);
        Factory(context, host, "maxKey", _ => BsonMaxKey.Value);
        context.Method(host, "isoDate", (_, args) =>
        {
            var text = JsHelpers.Arg(args, 0);
            var when = text.IsUndefined() ? context.Time.GetUtcNow() : DateTimeOffset.Parse(Text(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return context.ToJs.CreateDate(when.ToUnixTimeMilliseconds());
        });

        var prototypes = new JsObject(engine);
        foreach (var name in context.Prototypes.Names)
        {
            prototypes.Set(name, context.Prototypes[name]);
        }

        DefineWrapperMethods(context);
        var install = engine.Evaluate(Prelude, "<ferry-prelude>");
        install.Call(host, prototypes);
    }

    private static void Factory(ShellContext context, ObjectInstance host, string name, Func<JsValue[], BsonValue> make) =>
        context.Method(host, name, (_, args) => context.Prototypes.Wrap(context.Engine, make(args)));

    private static void DefineWrapperMethods(ShellContext context)
    {
        var engine = context.Engine;
        var @base = context.Prototypes.Base;
        context.Method(@base, "toString", (self, _) => ToText(Value(context, self)));
        context.Method(@base, "inspect", (self, _) => ShellJsonFormatter.Scalar(Value(context, self)));
        context.Method(@base, "valueOf", (self, _) => Value(context, self) switch
        {
            BsonInt64 l => l.AsInt64,
            BsonInt32 i => i.AsInt32,
            BsonDouble d => d.AsDouble,
            BsonDecimal128 m => (double)m.AsDecimal128,
            BsonTimestamp t => t.Value,
            _ => self,
        });
        context.Method(@base, "toJSON", (self, _) =>
        {
            var json = new BsonDocument("v", Value(context, self)).ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.CanonicalExtendedJson });
            return new JsonParser(engine).Parse(json).AsObject().Get("v");
        });
        context.Method(@base, "equals", (self, args) =>
            Value(context, self).Equals(context.ToBson.ToBson(JsHelpers.Arg(args, 0))) ? JsBoolean.True : JsBoolean.False, 1);

        var objectId = context.Prototypes[BsonPrototypes.ObjectId];
        context.Method(objectId, "toHexString", (self, _) => Value(context, self).AsObjectId.ToString());
        context.Method(objectId, "getTimestamp", (self, _) =>
            context.ToJs.CreateDate(Value(context, self).AsObjectId.Timestamp * 1000.0));
        var @long = context.Prototypes[BsonPrototypes.Long];
        context.Method(@long, "toNumber", (self, _) => (double)Value(context, self).AsInt64);
        var binary = context.Prototypes[BsonPrototypes.Binary];
        context.Method(binary, "hex", (self, _) => Convert.ToHexStringLower(Value(context, self).AsBsonBinaryData.Bytes));
        context.Method(binary, "base64", (self, _) => Convert.ToBase64String(Value(context, self).AsBsonBinaryData.Bytes));
        context.Method(binary, "length", (self, _) => Value(context, self).AsBsonBinaryData.Bytes.Length);
    }

    private static BsonValue Value(ShellContext context, JsValue self) =>
        self is BsonValueObject wrapper ? wrapper.Value : throw JsHelpers.TypeError(context.Engine, "not a BSON value");

    /// <summary>What <c>toString()</c> gives: the bare value (hex for an ObjectId, digits for a Long).</summary>
    private static string ToText(BsonValue value) => value.BsonType switch
    {
        BsonType.ObjectId => value.AsObjectId.ToString(),
        BsonType.Int64 => value.AsInt64.ToString(CultureInfo.InvariantCulture),
        BsonType.Int32 => value.AsInt32.ToString(CultureInfo.InvariantCulture),
        BsonType.Double => value.AsDouble.ToString("R", CultureInfo.InvariantCulture),
        BsonType.Decimal128 => value.AsDecimal128.ToString(),
        BsonType.Binary when value.AsBsonBinaryData is { SubType: BsonBinarySubType.UuidStandard, Bytes.Length: 16 } uuid =>
            uuid.ToGuid(GuidRepresentation.Standard).ToString(),
        BsonType.Binary => Convert.ToBase64String(value.AsBsonBinaryData.Bytes),
        _ => ShellJsonFormatter.Scalar(value),
    };

    private static string Text(JsValue value) => value.IsString() ? value.AsString() : Jint.Runtime.TypeConverter.ToString(value);

    private static long Int64Of(ShellContext context, JsValue value)
    {
        if (value.IsUndefined())
        {
            return 0;
        }

        if (value is BsonValueObject wrapper && wrapper.Value.IsNumeric)
        {
            return wrapper.Value.ToInt64();
        }

        if (value.IsString())
        {
            return long.Parse(value.AsString(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        var number = Jint.Runtime.TypeConverter.ToNumber(value);
        return number % 1 == 0 && Math.Abs(number) <= 9007199254740992d
            ? (long)number
            : throw new ArgumentException($"{number} is not an integer that a double can represent exactly; pass it as a string");
    }

    private static BsonTimestamp Timestamp(ShellContext context, JsValue[] args)
    {
        var first = JsHelpers.Arg(args, 0);
        if (first.IsObject() && first is not BsonValueObject)
        {
            var spec = context.ToBson.ToDocument(first, "Timestamp");
            return new BsonTimestamp(spec.GetValue("t", 0).ToInt32(), spec.GetValue("i", 0).ToInt32());
        }

        return args.Length == 0
            ? new BsonTimestamp(0)
            : new BsonTimestamp((int)Int64Of(context, first), (int)Int64Of(context, JsHelpers.Arg(args, 1)));
    }
}
