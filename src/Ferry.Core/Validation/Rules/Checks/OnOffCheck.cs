using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary>A check switched on with <c>true</c> (and off with <c>false</c>): required, not_blank, lowercase.</summary>
internal abstract class OnOffCheck(string name) : FieldCheck(name)
{
    private protected sealed override string ExpectedArgument => "true or false";

    private protected sealed override BsonValue? Argument(BsonValue value, YamlNode node, string file) => value.IsBoolean ? value : null;
}
