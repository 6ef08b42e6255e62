using System.Globalization;
using System.Text.RegularExpressions;

namespace Ferry.Core.Health;

/// <summary>Sizes as people write them: <c>500</c> (bytes), <c>64KB</c>, <c>10MB</c>, <c>2GB</c>, <c>1TB</c> (powers of 1024; <c>KiB</c>… too).</summary>
public static partial class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unit = match.Groups[2].Value.ToUpperInvariant().Replace("I", "", StringComparison.Ordinal).TrimEnd('B');
        var scale = unit switch { "" => 1m, "K" => 1024m, "M" => 1024m * 1024, "G" => 1024m * 1024 * 1024, "T" => 1024m * 1024 * 1024 * 1024, _ => 0m };
        if (scale == 0 || number * scale > long.MaxValue)
        {
            return false;
        }

        bytes = (long)(number * scale);
        return true;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([KMGT]?i?B?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
