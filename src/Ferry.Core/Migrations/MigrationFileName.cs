using System.Text.RegularExpressions;

namespace Ferry.Core.Migrations;

/// <summary>
/// The two file-name shapes of a JavaScript migration: <c>NNN_name.js</c> (a sequence number) and
/// <c>YYYYMMDDHHMMSS-name.js</c> (migrate-mongo's timestamp). The name, with <c>_</c>/<c>-</c> as spaces, is the
/// description unless the module exports its own.
/// </summary>
public static partial class MigrationFileName
{
    public static bool TryParse(string fileName, out MigrationVersion version, out string description)
    {
        version = default;
        description = string.Empty;
        var match = Pattern().Match(fileName);
        if (!match.Success || !MigrationVersion.TryParse(match.Groups["version"].Value, out version))
        {
            return false;
        }

        description = match.Groups["name"].Value.Replace('_', ' ').Replace('-', ' ').Trim();
        return true;
    }

    /// <summary>A file name for a new migration: lower case, words joined by <c>_</c>.</summary>
    public static string Slug(string name)
    {
        var slug = NonWord().Replace(name.Trim().ToLowerInvariant(), "_").Trim('_');
        return slug.Length == 0 ? throw new Errors.UserInputException($"migration name '{name}': needs at least one letter or digit") : slug;
    }

    [GeneratedRegex(@"^(?<version>\d+)[_-](?<name>.+)\.js$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();
}
