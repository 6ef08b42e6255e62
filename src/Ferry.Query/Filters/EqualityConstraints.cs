using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// Collects the equality conditions a filter guarantees (<c>{ a: 1 }</c>, <c>{ a: { $eq: 1 } }</c>, single-value
/// <c>$in</c>, inside <c>$and</c> and one-clause <c>$or</c>) — what an upsert seeds its new document from and
/// what an index lookup can use. Regular expressions are not equalities.
/// </summary>
internal static class EqualityConstraints
{
    public static List<(string Path, BsonValue Value)> Collect(BsonDocument filter)
    {
        var found = new List<(string Path, BsonValue Value)>();
        CollectInto(filter, found);
        return found;
    }

    private static void CollectInto(BsonDocument filter, List<(string Path, BsonValue Value)> found)
    {
        foreach (var element in filter)
        {
            switch (element.Name)
            {
                case "$and":
                    foreach (var clause in element.Value.AsBsonArray)
                    {
                        CollectInto(clause.AsBsonDocument, found);
                    }

                    break;
                case "$or" when element.Value.AsBsonArray.Count == 1:
                    CollectInto(element.Value.AsBsonArray[0].AsBsonDocument, found);
                    break;
                case var name when name.StartsWith('$'):
                    break;
                default:
                    CollectField(element.Name, element.Value, found);
                    break;
            }
        }
    }

    private static void CollectField(string path, BsonValue value, List<(string Path, BsonValue Value)> found)
    {
        if (value is BsonRegularExpression)
        {
            return;
        }

        if (value is not BsonDocument operators || !FilterParser.IsOperatorDocument(operators, allowIncompleteDbRef: false))
        {
            found.Add((path, value));
            return;
        }

        foreach (var op in operators)
        {
            if (op.Name == "$eq")
            {
                found.Add((path, op.Value));
            }
            else if (op.Name == "$in" && op.Value is BsonArray { Count: 1 } single && single[0] is not BsonRegularExpression)
            {
                found.Add((path, single[0]));
            }
        }
    }
}
