using System.Text.RegularExpressions;
using Ferry.Core.Errors;

namespace Ferry.Core.Backup;

/// <summary>Backup tags become folder names, so only safe characters are allowed.</summary>
public static partial class BackupTag
{
    public const string EmergencyPrefix = "emergency-";

    public static string Validate(string? tag, string option = "--tag")
    {
        if (string.IsNullOrWhiteSpace(tag) || !TagPattern().IsMatch(tag))
        {
            throw new UserInputException($"{option} \"{tag}\": a tag is 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        return tag;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
