using Ferry.Query.Common;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary><c>enum: [a, b]</c>: the value equals one of the list's, by MongoDB's equality (1 = 1.0).</summary>
internal sealed class EnumCheck() : FieldCheck("enum")
{
    private protected override string ExpectedArgument => "a non-empty list of allowed values";

    public override Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time)
    {
        var allowed = argument.AsBsonArray;
        return value => allowed.Any(a => BsonValueComparer.Instance.Equals(a, value)) ? null : "not an allowed value";
    }

    private protected override BsonValue? Argument(BsonValue value, YamlNode node, string file) => value is BsonArray { Count: > 0 } ? value : null;
}
