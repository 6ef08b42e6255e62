using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Writes;

/// <summary>
/// A collection's validator (create/collMod options <c>validator</c>, <c>validationLevel</c>, <c>validationAction</c>)
/// applied to inserted and updated documents: strict checks every write, moderate skips updates of documents that
/// were already invalid, "warn" lets invalid documents through, "error" refuses them with 121.
/// The validator is evaluated by the filter matcher; when the matcher does not understand <c>$jsonSchema</c>,
/// only the query-operator part is enforced (<see cref="IgnoresJsonSchema"/>).
/// </summary>
internal sealed class DocumentValidator
{
    private readonly FilterMatcher? _matcher;
    private readonly JsonSchemaEvaluator? _schema;
    private readonly bool _moderate;
    private readonly bool _warnOnly;

    private DocumentValidator(FilterMatcher? matcher, JsonSchemaEvaluator? schema, bool moderate, bool warnOnly, bool ignoresJsonSchema)
    {
        _matcher = matcher;
        _schema = schema;
        _moderate = moderate;
        _warnOnly = warnOnly;
        IgnoresJsonSchema = ignoresJsonSchema;
    }

    public static DocumentValidator None { get; } = new(null, null, false, false, false);

    /// <summary>True when the validator has a <c>$jsonSchema</c> that no evaluator in this build can check (not enforced).</summary>
    public bool IgnoresJsonSchema { get; }

    public bool IsActive => (_matcher is not null || _schema is not null) && !_warnOnly;

    public static DocumentValidator From(BsonDocument options)
    {
        if (!options.TryGetValue("validator", out var validatorValue) || validatorValue is not BsonDocument validator || validator.ElementCount == 0)
        {
            return None;
        }

        var level = options.GetValue("validationLevel", "strict").AsString;
        var action = options.GetValue("validationAction", "error").AsString;
        if (level == "off")
        {
            return None;
        }

        var rest = new BsonDocument(validator.Where(e => e.Name != "$jsonSchema"));
        var matcher = rest.ElementCount > 0 ? FilterMatcher.Compile(rest) : null;
        JsonSchemaEvaluator? schema = null;
        var ignoresJsonSchema = false;
        if (validator.TryGetValue("$jsonSchema", out var schemaValue) && schemaValue is BsonDocument schemaDocument)
        {
            schema = JsonSchemaEvaluator.TryCompile(schemaDocument);
            ignoresJsonSchema = schema is null;
        }

        return new DocumentValidator(matcher, schema, level == "moderate", action == "warn", ignoresJsonSchema);
    }

    /// <summary>Checks a document about to be stored; <paramref name="previous"/> is the version it replaces (null for inserts).</summary>
    public void Check(BsonDocument document, BsonDocument? previous)
    {
        if (!IsActive || Passes(document))
        {
            return;
        }

        if (_moderate && previous is not null && !Passes(previous))
        {
            return;
        }

        throw ErrorCodes.Create(ErrorCodes.DocumentValidationFailure, "Document failed validation");
    }

    private bool Passes(BsonDocument document) =>
        (_matcher is null || _matcher.Matches(document)) && (_schema is null || _schema.IsValid(document));
}
