using Ferry.Query.Common;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary><c>min</c>/<c>max</c>: compared in MongoDB's order, and only within the bound's type bracket (a string never fails a numeric bound).</summary>
internal sealed class BoundCheck(string name, bool minimum) : FieldCheck(name)
{
    private protected override string ExpectedArgument => "a number (or a string/date bound as Extended JSON)";

    public override Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time)
    {
        var outside = minimum ? -1 : 1;
        return value => BsonTypeOrder.Canonical(value) == BsonTypeOrder.Canonical(argument) && Math.Sign(BsonValueComparer.Instance.Compare(value, argument)) == outside
            ? $"{(minimum ? "below" : "above")} {argument}"
            : null;
    }

    private protected override BsonValue? Argument(BsonValue value, YamlNode node, string file) => value.IsNumeric || value.IsString ? value : null;
}
