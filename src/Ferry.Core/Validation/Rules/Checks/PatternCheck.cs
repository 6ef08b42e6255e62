using System.Text.RegularExpressions;
using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary><c>pattern: REGEX</c>: a string matches the .NET regular expression; any other type fails.</summary>
internal sealed class PatternCheck() : FieldCheck("pattern")
{
    private protected override string ExpectedArgument => "a regular expression string";

    public override Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time)
    {
        var regex = new Regex(argument.AsString, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return value => value is not BsonString s ? "not a string" : regex.IsMatch(s.Value) ? null : $"does not match /{argument}/";
    }

    private protected override BsonValue? Argument(BsonValue value, YamlNode node, string file)
    {
        if (!value.IsString)
        {
            return null;
        }

        try
        {
            _ = new Regex(value.AsString, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw YamlFile.Error(file, node, $"bad regular expression /{value.AsString}/: {e.Message}");
        }

        return value;
    }
}
