using MongoDB.Bson;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary><c>not_blank: true</c>: the field exists, is not null and, when a string, not empty or white space.</summary>
internal sealed class NotBlankCheck() : OnOffCheck("not_blank")
{
    public override string WhenAbsent => "missing";

    public override Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time) => value => value switch
    {
        BsonNull => "null",
        BsonString s when string.IsNullOrWhiteSpace(s.Value) => "blank",
        _ => null,
    };
}
