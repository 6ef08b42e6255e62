using System.Text.RegularExpressions;
using Ferry.Core.Errors;
using Ferry.Core.Storage;

namespace Ferry.Core.Migrations;

/// <summary>
/// Resolves <c>--db</c> to database names: a comma-separated list whose entries may be patterns with <c>*</c> and
/// <c>?</c> (<c>tenant_*</c>), matched against the store's databases. Plain names are taken as given (a new
/// database is fine); a pattern that matches nothing is an error, so a typo does not silently migrate nothing.
/// </summary>
public static class DatabaseSelector
{
    public static async Task<IReadOnlyList<string>> ResolveAsync(IDocumentStore store, string spec, CancellationToken cancellationToken = default)
    {
        var entries = spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new UserInputException("--db: the database name (or a list or pattern such as tenant_*) is required");
        }

        IReadOnlyList<string>? existing = null;
        var names = new List<string>();
        foreach (var entry in entries)
        {
            if (!entry.Contains('*', StringComparison.Ordinal) && !entry.Contains('?', StringComparison.Ordinal))
            {
                names.Add(entry);
                continue;
            }

            existing ??= await store.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false);
            var pattern = new Regex("^" + Regex.Escape(entry).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
            var matched = existing.Where(n => pattern.IsMatch(n)).Order(StringComparer.Ordinal).ToList();
            if (matched.Count == 0)
            {
                throw new UserInputException($"--db {entry}: no database matches (the store has: {string.Join(", ", existing)})");
            }

            names.AddRange(matched);
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }
}
