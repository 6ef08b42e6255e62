using Jint;
using Jint.Native;
using Jint.Runtime;
using MongoDB.Bson;

namespace Ferry.Scripting.Conversion;

/// <summary>
/// Turns BSON read from the store into script values, as mongosh shows them: Int32 and Double are numbers,
/// strings, booleans and null are themselves, dates are <c>Date</c>s, regular expressions <c>RegExp</c>s when
/// JavaScript can express them; Int64 is a <c>NumberLong</c> wrapper (not a number: a number would silently lose
/// precision beyond 2^53 and come back as an Int32 or Double when written), and ObjectId, Decimal128, Timestamp,
/// Binary/UUID, MinKey/MaxKey and code are wrappers that write back as the same BSON value.
/// </summary>
internal sealed class BsonToJsConverter(Engine engine, BsonPrototypes prototypes, NestingGuard nesting)
{
    // Taken before any user code runs, so a script that reassigns the global Date cannot change what reads return.
    private readonly JsValue _dateConstructor = engine.GetValue("Date");

    private const double MaxDateMilliseconds = 8.64e15;

    public JsValue ToJs(BsonValue value)
    {
        // No depth limit: a stored document is returned however deep it is (a restored dump may nest deeper than a
        // script may write), as long as the stack holds.
        nesting.Probe();
        switch (value.BsonType)
        {
            case BsonType.Document:
                var document = value.AsBsonDocument;
                var obj = new JsObject(engine);
                foreach (var element in document)
                {
                    obj.CreateDataProperty(element.Name, ToJs(element.Value));
                }

                return obj;
            case BsonType.Array:
                var array = value.AsBsonArray;
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ToJs(array[i]);
                }

                return new JsArray(engine, items);
            case BsonType.Int32:
                return new JsNumber(value.AsInt32);
            case BsonType.Double:
                return new JsNumber(value.AsDouble);
            case BsonType.String:
                return new JsString(value.AsString);
            case BsonType.Boolean:
                return value.AsBoolean ? JsBoolean.True : JsBoolean.False;
            case BsonType.Null:
                return JsValue.Null;
            case BsonType.Undefined:
                return JsValue.Undefined;
            case BsonType.Symbol:
                return new JsString(value.AsBsonSymbol.Name);
            case BsonType.DateTime:
                var ms = value.AsBsonDateTime.MillisecondsSinceEpoch;
                return Math.Abs((double)ms) <= MaxDateMilliseconds
                    ? CreateDate(ms)
                    : prototypes.Wrap(engine, value);
            case BsonType.RegularExpression:
                return ToRegExp(value.AsBsonRegularExpression) ?? prototypes.Wrap(engine, value);
            default:
                return prototypes.Wrap(engine, value);
        }
    }

    public JsValue CreateDate(double milliseconds) => engine.Construct(_dateConstructor, new JsNumber(milliseconds));

    private JsValue? ToRegExp(BsonRegularExpression regex)
    {
        if (regex.Options.Any(o => o is not ('i' or 'm' or 's' or 'u')))
        {
            return null;
        }

        try
        {
            return engine.Intrinsics.RegExp.Construct([new JsString(regex.Pattern), new JsString(regex.Options)], JsValue.Undefined);
        }
        catch (JavaScriptException)
        {
            return null; // a PCRE pattern JavaScript cannot parse: keep it as a BSONRegExp wrapper
        }
    }
}
