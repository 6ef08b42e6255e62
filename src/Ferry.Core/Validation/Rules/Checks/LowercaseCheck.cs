using MongoDB.Bson;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary><c>lowercase: true</c>: a string has no upper-case letters (other types pass).</summary>
internal sealed class LowercaseCheck() : OnOffCheck("lowercase")
{
    public override Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time) =>
        value => value is BsonString s && !string.Equals(s.Value, s.Value.ToLowerInvariant(), StringComparison.Ordinal) ? "not lower-case" : null;
}
