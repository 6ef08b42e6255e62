using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Runs;

/// <summary>
/// The view of a run journal document that is safe to show: secret spec fields (the transform's hashing salt key)
/// replaced by <c>***</c> and store URIs in the spec passed through <see cref="UriRedactor"/>. Every public read of
/// <see cref="RunJournal"/> returns this view, so no display code has to remember to strip anything.
/// </summary>
public static class RunRedaction
{
    /// <summary>What a secret field holds in the redacted view; the field stays so readers see it exists.</summary>
    public const string Mask = "***";

    /// <summary>Spec fields that must never leave the journal except to resume the run.</summary>
    public static IReadOnlyList<string> SecretSpecFields { get; } = ["hash_salt_key"];

    /// <summary>A redacted copy of <paramref name="run"/>; the argument is not changed.</summary>
    public static BsonDocument Redact(BsonDocument run)
    {
        var copy = run.DeepClone().AsBsonDocument;
        if (copy.TryGetValue("spec", out var spec) && spec is BsonDocument fields)
        {
            foreach (var element in fields.ToList())
            {
                if (SecretSpecFields.Contains(element.Name))
                {
                    fields[element.Name] = Mask;
                }
                else if (element.Value is BsonString { Value: var text } && LooksLikeUri(text))
                {
                    fields[element.Name] = UriRedactor.Redact(text);
                }
            }
        }

        return copy;
    }

    // Any single token with a scheme, parseable or not (an unencoded '@' in a password breaks parsing, not the
    // secret); a multi-line value such as the rules text is not a URI and is shown unchanged.
    private static bool LooksLikeUri(string text) =>
        text.Contains("://", StringComparison.Ordinal) && !text.Any(char.IsWhiteSpace);
}
