using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Query.Schema;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Writes;

/// <summary>
/// A collection's validator (create/collMod options <c>validator</c>, <c>validationLevel</c>, <c>validationAction</c>)
/// applied to inserted and updated documents: strict checks every write, moderate skips updates of documents that
/// were already invalid, "warn" lets invalid documents through, "error" refuses them with 121.
/// A top-level <c>$jsonSchema</c> is evaluated by <see cref="JsonSchemaValidator"/>, the rest by the filter matcher.
/// </summary>
internal sealed class DocumentValidator
{
    private readonly FilterMatcher? _matcher;
    private readonly JsonSchemaValidator? _schema;
    private readonly bool _moderate;
    private readonly bool _warnOnly;

    private DocumentValidator(FilterMatcher? matcher, JsonSchemaValidator? schema, bool moderate, bool warnOnly)
    {
        _matcher = matcher;
        _schema = schema;
        _moderate = moderate;
        _warnOnly = warnOnly;
    }

    public static DocumentValidator None { get; } = new(null, null, false, false);

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
        var schema = validator.TryGetValue("$jsonSchema", out var schemaValue) && schemaValue is BsonDocument schemaDocument
            ? JsonSchemaValidator.Compile(schemaDocument)
            : null;
        return new DocumentValidator(matcher, schema, level == "moderate", action == "warn");
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
