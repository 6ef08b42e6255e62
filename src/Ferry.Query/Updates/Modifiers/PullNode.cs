using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary>
/// <c>$pull</c> and <c>$pullAll</c>: remove the array elements that equal a value, or match a condition. A condition
/// made of query operators (<c>{$gte: 6}</c>, a regex) is matched against each element; a condition with field
/// names (<c>{score: 8}</c>) is a query on document elements.
/// </summary>
internal sealed class PullNode : ModifierNode
{
    private const string Wrapper = "v";
    private readonly string _operatorName;
    private readonly Func<BsonValue, bool> _matches;

    private PullNode(string operatorName, Func<BsonValue, bool> matches)
    {
        _operatorName = operatorName;
        _matches = matches;
    }

    public override string OperatorName => _operatorName;

    public static PullNode Pull(BsonElement spec, QueryContext context)
    {
        var value = spec.Value;
        if (value is BsonDocument condition && (condition.ElementCount == 0 || !condition.GetElement(0).Name.StartsWith('$')))
        {
            var matcher = FilterMatcher.Compile(condition, context);
            return new PullNode("$pull", e => e is BsonDocument d && matcher.Matches(d));
        }

        if (value is BsonDocument or BsonRegularExpression)
        {
            var matcher = FilterMatcher.Compile(new BsonDocument(Wrapper, value), context);
            return new PullNode("$pull", e => matcher.Matches(new BsonDocument(Wrapper, e)));
        }

        return new PullNode("$pull", e => BsonValueComparer.Instance.Equals(e, value));
    }

    public static PullNode PullAll(BsonElement spec)
    {
        if (spec.Value is not BsonArray values)
        {
            throw ErrorCodes.Bad("$pullAll requires an array argument but was given a " + ShellFormat.TypeName(spec.Value.BsonType));
        }

        return new PullNode("$pullAll", e => values.Any(v => BsonValueComparer.Instance.Equals(e, v)));
    }

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        if (element.Value is not BsonArray array)
        {
            throw ErrorCodes.Bad("Cannot apply " + _operatorName + " to a non-array value");
        }

        var removed = 0;
        for (var i = array.Count - 1; i >= 0; i--)
        {
            if (_matches(array[i]))
            {
                array.RemoveAt(i);
                removed++;
            }
        }

        return removed > 0;
    }
}
