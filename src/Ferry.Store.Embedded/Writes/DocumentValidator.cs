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
    private readonly bool _moderate;
    private readonly bool _warnOnly;

    private DocumentValidator(FilterMatcher? matcher, bool moderate, bool warnOnly, bool ignoresJsonSchema)
    {
        _matcher = matcher;
        _moderate = moderate;
        _warnOnly = warnOnly;
        IgnoresJsonSchema = ignoresJsonSchema;
    }

    public static DocumentValidator None { get; } = new(null, false, false, false);

    /// <summary>True when the validator has a <c>$jsonSchema</c> the filter matcher cannot evaluate (not enforced).</summary>
    public bool IgnoresJsonSchema { get; }

    public bool IsActive => _matcher is not null && !_warnOnly;

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

        FilterMatcher? matcher;
        var ignoresJsonSchema = false;
        try
        {
            matcher = FilterMatcher.Compile(validator);
        }
        catch (MqlException) when (validator.Contains("$jsonSchema"))
        {
            var rest = new BsonDocument(validator.Where(e => e.Name != "$jsonSchema"));
            matcher = rest.ElementCount > 0 ? FilterMatcher.Compile(rest) : null;
            ignoresJsonSchema = true;
        }

        return new DocumentValidator(matcher, level == "moderate", action == "warn", ignoresJsonSchema);
    }

    /// <summary>Checks a document about to be stored; <paramref name="previous"/> is the version it replaces (null for inserts).</summary>
    public void Check(BsonDocument document, BsonDocument? previous)
    {
        if (!IsActive || _matcher!.Matches(document))
        {
            return;
        }

        if (_moderate && previous is not null && !_matcher.Matches(previous))
        {
            return;
        }

        throw ErrorCodes.Create(ErrorCodes.DocumentValidationFailure, "Document failed validation");
    }
}
