using Jint;
using Jint.Native.Object;
using MongoDB.Bson;

namespace Ferry.Scripting.Conversion;

/// <summary>
/// A BSON value JavaScript has no type for (ObjectId, Int64, Decimal128, Timestamp, Binary/UUID, MinKey, MaxKey,
/// code, a regular expression JavaScript cannot express), carried through scripts unchanged: reading one gives
/// this wrapper, writing it back stores the same BSON value. Its prototype is the matching shell constructor's
/// (<c>ObjectId.prototype</c>, <c>NumberLong.prototype</c>, …), so <c>instanceof</c> and the helper methods work.
/// </summary>
internal sealed class BsonValueObject : ObjectInstance
{
    public BsonValueObject(Engine engine, BsonValue value, ObjectInstance prototype)
        : base(engine)
    {
        Value = value;
        JsHelpers.SetPrototype(engine, this, prototype);
    }

    public BsonValue Value { get; }
}
