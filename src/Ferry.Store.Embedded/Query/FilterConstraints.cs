using Ferry.Store.Embedded.Keys;
using Ferry.Store.Embedded.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Query;

/// <summary>
/// The constraints of a filter an index can answer: top-level (and <c>$and</c>-nested) equalities on plain values,
/// <c>_id</c> <c>$in</c> lists and <c>_id</c> ranges. Anything else is left to the filter matcher.
/// </summary>
internal sealed class FilterConstraints
{
    /// <summary>Per path, the values one of which it must equal (an equality: one value; <c>$in</c>: its list).</summary>
    public Dictionary<string, List<BsonValue>> Choices { get; } = [];

    public List<byte[]>? IdKeys { get; private set; }

    public KeyRange IdRange { get; private set; } = KeyRange.All;

    public void Collect(BsonDocument filter)
    {
        foreach (var element in filter)
        {
            if (element.Name == "$and" && element.Value is BsonArray clauses)
            {
                foreach (var clause in clauses.OfType<BsonDocument>())
                {
                    Collect(clause);
                }

                continue;
            }

            if (element.Name.StartsWith('$'))
            {
                continue;
            }

            if (element.Value is BsonDocument operators && operators.ElementCount > 0 && operators.GetElement(0).Name.StartsWith('$'))
            {
                foreach (var op in operators)
                {
                    CollectOperator(element.Name, op.Name, op.Value);
                }
            }
            else if (IsPlainValue(element.Value))
            {
                AddEquality(element.Name, element.Value);
            }
        }
    }

    /// <summary>A value whose equality match is exactly "an index key equals it" (arrays and regexes match more).</summary>
    private static bool IsPlainValue(BsonValue value) =>
        value.BsonType is not (BsonType.Array or BsonType.RegularExpression or BsonType.Undefined);

    private static bool IsRangeable(BsonValue value) =>
        value.BsonType is not (BsonType.Array or BsonType.RegularExpression or BsonType.Undefined or BsonType.Null or BsonType.MinKey or BsonType.MaxKey);

    private void AddEquality(string path, BsonValue value)
    {
        Choices[path] = [value];
        if (path == "_id")
        {
            var key = KeyEncoder.Encode(value);
            RestrictIds([key]);
        }
    }

    private void CollectOperator(string path, string op, BsonValue operand)
    {
        switch (op)
        {
            case "$eq" when IsPlainValue(operand):
                AddEquality(path, operand);
                break;
            case "$in" when operand is BsonArray values && values.All(IsPlainValue):
                if (path == "_id")
                {
                    RestrictIds(values.Select(KeyEncoder.Encode).ToList());
                }

                Choices.TryAdd(path, values.ToList());
                break;
            case "$gt" or "$gte" or "$lt" or "$lte" when path == "_id" && IsRangeable(operand):
                var key = KeyEncoder.Encode(operand);
                var bracket = new KeyRange(KeyEncoder.LowerBoundOfBracket(operand.BsonType), KeyEncoder.UpperBoundOfBracket(operand.BsonType));
                var range = op switch
                {
                    "$gt" => bracket with { Lower = KeyRange.After(key) },
                    "$gte" => bracket with { Lower = key },
                    "$lt" => bracket with { Upper = key },
                    _ => bracket with { Upper = KeyRange.After(key) },
                };
                IdRange = IdRange.Intersect(range);
                break;
        }
    }

    private void RestrictIds(List<byte[]> keys)
    {
        if (IdKeys is null)
        {
            IdKeys = keys;
        }
        else
        {
            var allowed = keys.ToHashSet(ByteArrayComparer.Instance);
            IdKeys = IdKeys.Where(allowed.Contains).ToList();
        }
    }
}
