using MongoDB.Bson;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary><c>required: true</c>: the field exists (null counts as present).</summary>
internal sealed class RequiredCheck() : OnOffCheck("required")
{
    public override string WhenAbsent => "missing";

    public override Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time) => _ => null;
}
