using Jint;
using Jint.Native;
using Jint.Native.Object;
using MongoDB.Bson;

namespace Ferry.Scripting.Conversion;

/// <summary>
/// The prototype object of each wrapper kind, keyed by the shell constructor that makes it
/// (<c>ObjectId</c>, <c>Long</c>, <c>Int32</c>, <c>Decimal128</c>, <c>Timestamp</c>, <c>Binary</c>, …). One set
/// per engine; the shell helpers fill in the methods, the converter only needs to pick the right one.
/// </summary>
internal sealed class BsonPrototypes
{
    public const string ObjectId = "ObjectId";
    public const string Long = "Long";
    public const string Int32 = "Int32";
    public const string Double = "Double";
    public const string Decimal128 = "Decimal128";
    public const string Timestamp = "Timestamp";
    public const string Binary = "Binary";
    public const string MinKey = "MinKey";
    public const string MaxKey = "MaxKey";
    public const string RegExp = "BSONRegExp";
    public const string Code = "Code";
    public const string Other = "BSONValue";

    private readonly Dictionary<string, ObjectInstance> _prototypes = [];

    public BsonPrototypes(Engine engine)
    {
        Base = new JsObject(engine);
        foreach (var name in new[] { ObjectId, Long, Int32, Double, Decimal128, Timestamp, Binary, MinKey, MaxKey, RegExp, Code, Other })
        {
            var prototype = new JsObject(engine);
            JsHelpers.SetPrototype(engine, prototype, Base);
            prototype.Set("_bsontype", new JsString(name));
            _prototypes[name] = prototype;
        }
    }

    /// <summary>Methods every wrapper has (toString, toJSON, equals, …).</summary>
    public ObjectInstance Base { get; }

    public IEnumerable<string> Names => _prototypes.Keys;

    public ObjectInstance this[string name] => _prototypes[name];

    public static string KindOf(BsonValue value) => value.BsonType switch
    {
        BsonType.ObjectId => ObjectId,
        BsonType.Int64 => Long,
        BsonType.Int32 => Int32,
        BsonType.Double => Double,
        BsonType.Decimal128 => Decimal128,
        BsonType.Timestamp => Timestamp,
        BsonType.Binary => Binary,
        BsonType.MinKey => MinKey,
        BsonType.MaxKey => MaxKey,
        BsonType.RegularExpression => RegExp,
        BsonType.JavaScript or BsonType.JavaScriptWithScope => Code,
        _ => Other,
    };

    public BsonValueObject Wrap(Engine engine, BsonValue value) => new(engine, value, this[KindOf(value)]);
}
