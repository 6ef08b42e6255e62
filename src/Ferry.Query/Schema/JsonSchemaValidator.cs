using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Schema;

/// <summary>
/// Evaluates MongoDB's <c>$jsonSchema</c> (draft 4 subset plus <c>bsonType</c>) client-side with MongoDB's semantics:
/// a keyword constrains only values of the type it is about (<c>minimum</c> ignores strings), absent properties pass
/// unless <c>required</c>, <c>type: "number"</c> covers every BSON number and JSON's <c>integer</c> is not accepted.
/// The same document can be installed as a collection validator, so both stores and Ferry agree.
/// </summary>
public sealed class JsonSchemaValidator
{
    private readonly SchemaNode _root;

    private JsonSchemaValidator(SchemaNode root) => _root = root;

    /// <summary>Parses a schema (the value of <c>$jsonSchema</c>); an unknown keyword or a bad value throws
    /// <see cref="MqlException"/> (FailedToParse / TypeMismatch) as MongoDB does.</summary>
    public static JsonSchemaValidator Compile(BsonDocument schema) => new(SchemaNode.Parse(schema, string.Empty));

    /// <summary>True when the document satisfies the schema.</summary>
    public bool IsValid(BsonDocument document) => _root.Validate(document, string.Empty, null);

    /// <summary>Every violation (bounded by <paramref name="limit"/>), for reports.</summary>
    public IReadOnlyList<SchemaViolation> Validate(BsonDocument document, int limit = 20)
    {
        var violations = new List<SchemaViolation>();
        _root.Validate(document, string.Empty, new ViolationSink(violations, limit));
        return violations;
    }
}

/// <summary>Collects violations up to a limit; validation short-circuits when no sink is given.</summary>
internal sealed class ViolationSink(List<SchemaViolation> violations, int limit)
{
    public bool IsFull => violations.Count >= limit;

    public void Add(string path, string keyword, string reason, BsonValue? value)
    {
        if (!IsFull)
        {
            violations.Add(new SchemaViolation(path, keyword, reason, value));
        }
    }
}
