using System.Globalization;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Indexes;

/// <summary>
/// A secondary index of a collection: its spec as MongoDB lists it (<c>{ v: 2, key, name, unique?, sparse?,
/// partialFilterExpression?, … }</c>) and what maintaining it needs (paths, uniqueness, sparse, partial filter).
/// </summary>
internal sealed class IndexDefinition
{
    /// <summary>Options MongoDB's createIndexes accepts besides key and name; anything else is rejected (197).</summary>
    private static readonly HashSet<string> KnownOptions =
    [
        "unique", "sparse", "partialFilterExpression", "expireAfterSeconds", "background", "hidden", "collation",
        "weights", "default_language", "language_override", "textIndexVersion", "2dsphereIndexVersion", "bits", "min", "max",
        "wildcardProjection", "storageEngine", "bucketSize", "prepareUnique", "clustered",
    ];

    private FilterMatcher? _partial;

    private IndexDefinition(long id, BsonDocument spec)
    {
        Id = id;
        Spec = spec;
        Name = spec["name"].AsString;
        Paths = spec["key"].AsBsonDocument.Names.ToList();
        IsUnique = spec.TryGetValue("unique", out var unique) && unique.ToBoolean();
        IsSparse = spec.TryGetValue("sparse", out var sparse) && sparse.ToBoolean();
        PartialFilter = spec.TryGetValue("partialFilterExpression", out var partial) ? partial.AsBsonDocument : null;
    }

    /// <summary>Row id in the indexes table (0 until stored).</summary>
    public long Id { get; }

    public string Name { get; }

    /// <summary>The normalised spec: v, key, name, then the other options as given.</summary>
    public BsonDocument Spec { get; }

    public IReadOnlyList<string> Paths { get; }

    public BsonDocument Key => Spec["key"].AsBsonDocument;

    public bool IsUnique { get; }

    public bool IsSparse { get; }

    public BsonDocument? PartialFilter { get; }

    /// <summary>Equality lookups may use this index (a partial index might not hold every matching document).</summary>
    public bool CanAnswerEquality => PartialFilter is null;

    public static IndexDefinition FromStored(long id, BsonDocument spec) => new(id, spec);

    /// <summary>Validates a createIndexes spec and normalises it (generating MongoDB's name when absent).</summary>
    public static IndexDefinition Parse(BsonDocument spec)
    {
        if (!spec.TryGetValue("key", out var keyValue))
        {
            throw ErrorCodes.Create(ErrorCodes.FailedToParse, "The 'key' field is a required property of an index specification");
        }

        if (keyValue is not BsonDocument key || key.ElementCount == 0)
        {
            throw ErrorCodes.Create(ErrorCodes.CannotCreateIndex, "Index keys cannot be empty.");
        }

        foreach (var element in key)
        {
            var direction = element.Value;
            var valid = (BsonTypeOrder.IsNumber(direction) && BsonValueComparer.ToDouble(direction) != 0 && !double.IsNaN(BsonValueComparer.ToDouble(direction)))
                || direction is BsonString { Value: "text" or "2d" or "2dsphere" or "hashed" or "geoHaystack" };
            if (!valid)
            {
                throw ErrorCodes.Create(ErrorCodes.CannotCreateIndex, $"Values in the index key pattern can only be numbers or strings; bad value for {element.Name}: {direction}");
            }

            if (element.Name.Length == 0)
            {
                throw ErrorCodes.Create(ErrorCodes.CannotCreateIndex, "Index keys cannot be an empty field.");
            }
        }

        string name;
        if (spec.TryGetValue("name", out var nameValue))
        {
            if (nameValue is not BsonString { Value.Length: > 0 } s)
            {
                throw ErrorCodes.Create(ErrorCodes.CannotCreateIndex, "The index name cannot be empty");
            }

            name = s.Value;
        }
        else
        {
            name = GenerateName(key);
        }

        var normalised = new BsonDocument { { "v", 2 }, { "key", key }, { "name", name } };
        foreach (var element in spec)
        {
            if (element.Name is "key" or "name" or "v" or "ns")
            {
                continue;
            }

            if (!KnownOptions.Contains(element.Name))
            {
                throw ErrorCodes.Create(ErrorCodes.InvalidIndexSpecificationOption, $"The field '{element.Name}' is not valid for an index specification. Specification: {spec}");
            }

            normalised[element.Name] = element.Value;
        }

        if (normalised.TryGetValue("partialFilterExpression", out var partial))
        {
            if (partial is not BsonDocument partialDoc)
            {
                throw ErrorCodes.Type("partialFilterExpression must be an object");
            }

            FilterMatcher.Compile(partialDoc);
        }

        return new IndexDefinition(0, normalised);
    }

    /// <summary>MongoDB's generated index name: <c>field_direction</c> joined by underscores (<c>a_1_b_-1</c>).</summary>
    public static string GenerateName(BsonDocument key) =>
        string.Join("_", key.Select(e => e.Name + "_" + DirectionText(e.Value)));

    /// <summary>True when this index's document is in the index (sparse and partial rules).</summary>
    public bool Covers(BsonDocument document, IReadOnlyList<IReadOnlyList<BsonValue>> valuesPerPath)
    {
        if (IsSparse && valuesPerPath.All(v => v.Count == 0))
        {
            return false;
        }

        if (PartialFilter is not null)
        {
            _partial ??= FilterMatcher.Compile(PartialFilter);
            return _partial.Matches(document);
        }

        return true;
    }

    /// <summary>Same key pattern and the same options that matter for equivalence (unique, sparse, partial filter).</summary>
    public bool HasSameOptions(IndexDefinition other) =>
        IsUnique == other.IsUnique && IsSparse == other.IsSparse
        && Equals(PartialFilter, other.PartialFilter)
        && Equals(Spec.GetValue("expireAfterSeconds", BsonNull.Value), other.Spec.GetValue("expireAfterSeconds", BsonNull.Value));

    public bool HasSameKey(IndexDefinition other) => Key.Equals(other.Key);

    private static string DirectionText(BsonValue direction) => direction switch
    {
        BsonString s => s.Value,
        BsonInt32 i => i.Value.ToString(CultureInfo.InvariantCulture),
        BsonInt64 l => l.Value.ToString(CultureInfo.InvariantCulture),
        _ when BsonTypeOrder.IsNumber(direction) => BsonValueComparer.ToDouble(direction).ToString(CultureInfo.InvariantCulture),
        _ => direction.ToString() ?? string.Empty,
    };
}
