using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>
/// <c>"$a.b.c"</c>, <c>"$$ROOT.a"</c>, <c>"$$var.a"</c>: walks a path from a start value. Through an array the
/// path continues into each element that is a document and yields the array of the values found (elements
/// that are not documents, or lack the field, contribute nothing), as ExpressionFieldPath does.
/// </summary>
internal sealed class FieldPathNode(Func<EvaluationScope, BsonValue?> start, string[] path) : ExpressionNode
{
    public override BsonValue? Evaluate(EvaluationScope scope)
    {
        var value = start(scope);
        if (path.Length == 0)
        {
            return value;
        }

        return value switch
        {
            BsonDocument d => Walk(d, 0),
            BsonArray a => WalkArray(a, 0),
            _ => null,
        };
    }

    private BsonValue? Walk(BsonDocument document, int index)
    {
        if (!document.TryGetValue(path[index], out var value))
        {
            return null;
        }

        if (index == path.Length - 1)
        {
            return value;
        }

        return value switch
        {
            BsonDocument d => Walk(d, index + 1),
            BsonArray a => WalkArray(a, index + 1),
            _ => null,
        };
    }

    private BsonArray WalkArray(BsonArray array, int index)
    {
        var result = new BsonArray();
        foreach (var element in array)
        {
            if (element is BsonDocument d && Walk(d, index) is { } found)
            {
                result.Add(found);
            }
        }

        return result;
    }
}
