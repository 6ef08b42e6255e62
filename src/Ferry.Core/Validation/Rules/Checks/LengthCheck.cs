using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary><c>min_length</c>/<c>max_length</c>: code points of a string, items of an array (other types pass).</summary>
internal sealed class LengthCheck(string name, bool minimum) : FieldCheck(name)
{
    private protected override string ExpectedArgument => "a non-negative integer length";

    public override Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time)
    {
        var bound = argument.AsInt32;
        return value => Length(value) is { } length && (minimum ? length < bound : length > bound)
            ? $"length {length} {(minimum ? "<" : ">")} {bound}"
            : null;
    }

    private protected override BsonValue? Argument(BsonValue value, YamlNode node, string file) => value is BsonInt32 { Value: >= 0 } ? value : null;

    private static int? Length(BsonValue value) => value switch
    {
        BsonString s => s.Value.EnumerateRunes().Count(),
        BsonArray a => a.Count,
        _ => null,
    };
}
