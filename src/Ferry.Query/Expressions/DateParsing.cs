using System.Globalization;
using System.Text;

namespace Ferry.Query.Expressions;

/// <summary>Parses date strings for $dateFromString and $toDate: ISO 8601 forms, or an explicit MongoDB format string.</summary>
internal static class DateParsing
{
    private static readonly string[] IsoForms =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz", "yyyy-MM-dd'T'HH:mm:sszz", "yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss", "MMM d, yyyy", "MMMM d, yyyy",
    ];

    /// <summary>Milliseconds since the epoch; strings without an offset are read in <paramref name="zone"/>.</summary>
    public static long Parse(string text, string? format, TimeZoneSpec zone, string operatorName)
    {
        var forms = format is null ? IsoForms : [ToDotNetFormat(format)];
        var normalized = NormalizeOffset(text.Trim());
        if (DateTimeOffset.TryParseExact(normalized, forms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            // An explicit offset or Z fixes the instant; otherwise the wall time is read in the given zone.
            return HasExplicitOffset(normalized)
                ? parsed.ToUnixTimeMilliseconds()
                : zone.ToMillis(DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified));
        }

        throw ExpressionErrors.Conversion("Error parsing date string '" + text + "'" + (operatorName == "$convert" ? " in $convert with no onError value" : string.Empty));
    }

    private static bool HasExplicitOffset(string text) =>
        text.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"\d[T ]?\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*[+-]\d{2}(:?\d{2})?$");

    /// <summary>"+0530" → "+05:30", so .NET's zzz reads MongoDB's %z offsets.</summary>
    private static string NormalizeOffset(string text)
    {
        if (System.Text.RegularExpressions.Regex.IsMatch(text, @":\d{2}(\.\d+)?[+-]\d{4}$"))
        {
            return string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return text;
    }

    private static string ToDotNetFormat(string format)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '%' && i + 1 < format.Length)
            {
                var c = format[++i];
                sb.Append(c switch
                {
                    'Y' => "yyyy",
                    'm' => "MM",
                    'd' => "dd",
                    'H' => "HH",
                    'M' => "mm",
                    'S' => "ss",
                    'L' => "fff",
                    'z' => "zzz",
                    'Z' => "zzz",
                    'b' => "MMM",
                    'B' => "MMMM",
                    '%' => "'%'",
                    _ => throw ExpressionErrors.Location(18536, "Invalid format character '%" + c + "' in format string"),
                });
            }
            else
            {
                sb.Append('\'').Append(format[i] == '\'' ? "\\'" : format[i].ToString()).Append('\'');
            }
        }

        return sb.ToString();
    }
}
