using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary><c>not_in_future: true</c> or a tolerance (<c>5m</c>): a date is not later than now plus the tolerance (other types pass).</summary>
internal sealed class NotInFutureCheck() : FieldCheck("not_in_future")
{
    private protected override string ExpectedArgument => "true or a tolerance such as 30s, 5m, 2h, 1d";

    public override Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time)
    {
        var toleranceMs = argument.ToInt64();
        return value => value is BsonDateTime d && d.MillisecondsSinceEpoch > time.GetUtcNow().ToUnixTimeMilliseconds() + toleranceMs ? "in the future" : null;
    }

    /// <summary>The tolerance in milliseconds (<c>true</c> is 0).</summary>
    private protected override BsonValue? Argument(BsonValue value, YamlNode node, string file)
    {
        if (value is BsonBoolean b)
        {
            return b.Value ? new BsonInt64(0) : value;
        }

        return DurationParser.TryParse(YamlBson.Text(node, file, "true or a tolerance"), out var tolerance) ? new BsonInt64((long)tolerance.TotalMilliseconds) : null;
    }
}
