using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Core.Transform.Rules;

namespace Ferry.Core.Transform;

/// <summary>
/// Checks, before anything is written (no lock, no journal entry, no target database), that the source database and
/// every source collection the rules name exist: a mistyped --source-db would otherwise "succeed" with an empty
/// target — an empty production database.
/// </summary>
internal static class TransformSources
{
    public static async Task RequireAsync(IDocumentDatabase source, TransformRules rules, CancellationToken cancellationToken)
    {
        var existing = (await source.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (existing.Count == 0)
        {
            throw new UserInputException($"--source-db {source.Name}: no such database (or it holds no collection) on {source.Store.DisplayUri}");
        }

        foreach (var mapping in rules.Collections.Where(m => !existing.Contains(m.SourceCollection)))
        {
            throw new UserInputException($"{mapping.Location}: source collection {mapping.SourceCollection} does not exist in {source.Name} on {source.Store.DisplayUri}");
        }
    }
}
