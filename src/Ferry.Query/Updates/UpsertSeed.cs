using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Updates;

/// <summary>
/// The document an upsert starts from: the equality conditions of the filter (<c>{a: 1}</c>, <c>{"a.b": 1}</c>,
/// <c>{a: {$eq: 1}}</c>, one-value <c>$in</c>, <c>$all</c> values, inside <c>$and</c> or a one-clause <c>$or</c>; not
/// from other operators), set at their paths in path order, as MongoDB's extractEqualityMatches + addEqualitiesToDoc
/// on the canonical query. A path matched twice, or under another matched path, is error 54.
/// </summary>
internal static class UpsertSeed
{
    /// <summary>Builds the seed; <paramref name="onlyId"/> keeps only <c>_id</c> (replacement-style upserts).</summary>
    public static BsonDocument Build(BsonDocument filter, bool onlyId, QueryContext context)
    {
        // Compiling checks the filter: a bad filter fails the upsert with MongoDB's error.
        FilterMatcher.Compile(filter, context);
        var equalities = new List<(string Path, BsonValue Value)>();
        foreach (var (path, value) in Equalities(filter))
        {
            Add(equalities, path, value, onlyId);
        }

        var seed = new BsonDocument();
        foreach (var (path, value) in equalities.OrderBy(e => e.Path, Comparer<string>.Create(BsonValueComparer.CompareStrings)))
        {
            SetAtPath(seed, path, value);
        }

        return seed;
    }

    /// <summary>
    /// The equalities of MongoDB's canonical query: <c>{a: v}</c>, <c>$eq</c>, a one-value <c>$in</c>, every value of
    /// <c>$all</c> (parsed as an AND of equalities), inside <c>$and</c> and a one-clause <c>$or</c>; never regexes.
    /// (FilterMatcher.EqualityConstraints serves index lookups and leaves out <c>$all</c>, so it is not used here.)
    /// </summary>
    private static IEnumerable<(string Path, BsonValue Value)> Equalities(BsonDocument filter)
    {
        foreach (var element in filter)
        {
            if (element.Name == "$and" && element.Value is BsonArray clauses)
            {
                foreach (var found in clauses.OfType<BsonDocument>().SelectMany(Equalities))
                {
                    yield return found;
                }
            }
            else if (element.Name == "$or" && element.Value is BsonArray { Count: 1 } single && single[0] is BsonDocument only)
            {
                foreach (var found in Equalities(only))
                {
                    yield return found;
                }
            }
            else if (element.Name.StartsWith('$') || element.Value is BsonRegularExpression)
            {
                continue;
            }
            else if (element.Value is BsonDocument { ElementCount: > 0 } ops && ops.GetElement(0).Name.StartsWith('$'))
            {
                foreach (var op in ops)
                {
                    foreach (var value in OperatorEqualities(op))
                    {
                        yield return (element.Name, value);
                    }
                }
            }
            else
            {
                yield return (element.Name, element.Value);
            }
        }
    }

    private static IEnumerable<BsonValue> OperatorEqualities(BsonElement op)
    {
        switch (op.Name)
        {
            case "$eq":
                yield return op.Value;
                break;
            case "$in" when op.Value is BsonArray { Count: 1 } values && values[0] is not BsonRegularExpression:
                yield return values[0];
                break;
            case "$all" when op.Value is BsonArray values:
                foreach (var value in values)
                {
                    if (value is not BsonRegularExpression && !(value is BsonDocument { ElementCount: > 0 } d && d.GetElement(0).Name == "$elemMatch"))
                    {
                        yield return value;
                    }
                }

                break;
        }
    }

    private static void Add(List<(string Path, BsonValue Value)> equalities, string path, BsonValue value, bool onlyId)
    {
        if (onlyId)
        {
            var first = path.Split('.')[0];
            if (first != "_id")
            {
                return;
            }

            if (path != "_id")
            {
                throw new MqlException(NotExactValueField, nameof(NotExactValueField), "field at '_id' must be exactly specified, field at sub-path '" + path + "'found");
            }
        }

        var parts = path.Split('.');
        for (var i = parts.Length; i >= 1; i--)
        {
            var prefix = string.Join('.', parts.Take(i));
            if (equalities.Any(e => e.Path == prefix))
            {
                throw ErrorCodes.Create(ErrorCodes.NotSingleValueField, i == parts.Length
                    ? "cannot infer query fields to set, path '" + path + "' is matched twice"
                    : "cannot infer query fields to set, both paths '" + path + "' and '" + prefix + "' are matched");
            }
        }

        equalities.Add((path, value));
    }

    private static void SetAtPath(BsonDocument document, string path, BsonValue value)
    {
        var parts = path.Split('.');
        BsonValue current = document;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var isLast = i == parts.Length - 1;
            switch (current)
            {
                case BsonDocument d when d.TryGetValue(part, out var next):
                    if (isLast)
                    {
                        d[part] = value.DeepClone();
                        return;
                    }

                    current = next;
                    break;
                case BsonDocument d:
                    BsonValue built = value.DeepClone();
                    for (var j = parts.Length - 1; j > i; j--)
                    {
                        built = new BsonDocument(parts[j], built);
                    }

                    d.Add(part, built);
                    return;
                default:
                    throw ErrorCodes.Create(ErrorCodes.PathNotViable,
                        "cannot use the part (" + parts[i - 1] + " of " + path + ") to traverse the element ({" +
                        ShellFormat.Element(parts[i - 1], current) + "})");
            }
        }
    }

    private const int NotExactValueField = 111;
}
