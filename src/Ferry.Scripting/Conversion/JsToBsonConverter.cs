using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using MongoDB.Bson;

namespace Ferry.Scripting.Conversion;

/// <summary>
/// Turns script values into BSON the way mongosh does: integers in the int32 range become Int32, every other
/// number a Double; <c>Date</c> a BSON date; <c>RegExp</c> a BSON regular expression; BigInt an Int64; wrapper
/// objects (<see cref="BsonValueObject"/>) their own value; <c>undefined</c> and functions inside a document are
/// left out (as the Node driver's <c>ignoreUndefined</c> and mongosh's serializer do). Cycles and nesting deeper
/// than <see cref="NestingGuard.MaxDepth"/> fail with a RangeError.
/// </summary>
internal sealed class JsToBsonConverter(Engine engine, NestingGuard nesting)
{
    public BsonValue ToBson(JsValue value) => Convert(value, 0) ?? BsonNull.Value;

    /// <summary>A value that must be a document (a filter, an update, a document to insert).</summary>
    public BsonDocument ToDocument(JsValue value, string what)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return [];
        }

        return ToBson(value) as BsonDocument
            ?? throw new JavaScriptException(engine.Intrinsics.TypeError, $"{what} must be an object, got {Describe(value)}");
    }

    /// <summary>A value that may be absent: null/undefined give null.</summary>
    public BsonDocument? ToOptionalDocument(JsValue value, string what) =>
        value.IsUndefined() || value.IsNull() ? null : ToDocument(value, what);

    private BsonValue? Convert(JsValue value, int depth)
    {
        nesting.Enter(depth);

        switch (value)
        {
            case JsBoolean:
                return (BsonBoolean)value.AsBoolean();
            case JsString:
                return new BsonString(value.ToString());
            case JsNumber:
                return FromNumber(value.AsNumber());
            case JsBigInt:
                return new BsonInt64(long.Parse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture));
            case JsSymbol:
                throw new JavaScriptException(engine.Intrinsics.TypeError, "a Symbol cannot be stored in a document");
        }

        if (value.IsNull())
        {
            return BsonNull.Value;
        }

        if (value.IsUndefined() || value.IsCallable())
        {
            return null;
        }

        if (value is BsonValueObject wrapper)
        {
            return wrapper.Value;
        }

        if (value.IsDate())
        {
            var ms = value.AsDate().DateValue;
            return double.IsNaN(ms)
                ? throw JsHelpers.Error(engine, "Invalid Date cannot be stored")
                : new BsonDateTime((long)ms);
        }

        if (value.IsRegExp())
        {
            var regex = value.AsRegExp();
            return new BsonRegularExpression(regex.Source, new string(regex.Flags.Where(f => f is 'i' or 'm' or 's' or 'u').Order().ToArray()));
        }

        if (value.IsArray())
        {
            var array = value.AsArray();
            var result = new BsonArray();
            foreach (var item in array)
            {
                result.Add(Convert(item, depth + 1) ?? BsonNull.Value);
            }

            return result;
        }

        if (value is ObjectInstance obj)
        {
            var document = new BsonDocument();
            foreach (var key in obj.GetOwnPropertyKeys(Types.String))
            {
                var descriptor = obj.GetOwnProperty(key);
                if (!descriptor.Enumerable)
                {
                    continue;
                }

                var converted = Convert(obj.Get(key), depth + 1);
                if (converted is not null)
                {
                    document[key.ToString()] = converted;
                }
            }

            return document;
        }

        throw new JavaScriptException(engine.Intrinsics.TypeError, $"cannot store {Describe(value)} in a document");
    }

    /// <summary>mongosh's rule: an integral value in the int32 range (and not -0) is an Int32, anything else a Double.</summary>
    public static BsonValue FromNumber(double number) =>
        number % 1 == 0 && number >= int.MinValue && number <= int.MaxValue && !(number == 0 && double.IsNegative(number))
            ? new BsonInt32((int)number)
            : new BsonDouble(number);

    private static string Describe(JsValue value) => value.Type switch
    {
        Types.Object when value.IsArray() => "an array",
        Types.Object => "an object",
        _ => value.Type.ToString().ToLowerInvariant() + " " + value,
    };
}
