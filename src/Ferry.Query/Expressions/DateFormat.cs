using System.Globalization;
using System.Text;

namespace Ferry.Query.Expressions;

/// <summary>The strftime-like format strings of $dateToString (%Y %m %d %H %M %S %L %j %w %u %U %V %G %z %Z %%).</summary>
internal static class DateFormat
{
    public const string DefaultFormat = "%Y-%m-%dT%H:%M:%S.%LZ";

    /// <summary>ISO 8601 in UTC with milliseconds, as MongoDB prints a date it converts to a string.</summary>
    public static string FormatIso(long millis) => Format(millis, DefaultFormat, TimeZoneSpec.Utc);

    /// <summary>Rejects a bad format string before any document is read.</summary>
    public static void Validate(string format)
    {
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                continue;
            }

            if (i + 1 >= format.Length)
            {
                throw ExpressionErrors.Location(18535, "Unmatched '%' at end of format string");
            }

            var c = format[++i];
            if ("dGHjLmMSwuUVYzZ%bB".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                throw ExpressionErrors.Location(18536, "Invalid format character '%" + c + "' in format string");
            }
        }
    }

    public static string Format(long millis, string format, TimeZoneSpec zone)
    {
        Validate(format);
        var utc = DateMath.FromMillis(millis);
        var offset = zone.OffsetAt(utc);
        var local = utc + offset;
        var sb = new StringBuilder(format.Length + 8);
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                sb.Append(format[i]);
                continue;
            }

            var c = format[++i];
            switch (c)
            {
                case 'Y':
                    if (local.Year > 9999)
                    {
                        throw ExpressionErrors.Location(18537, "$dateToString is only defined on year 0-9999, tried to use year " + local.Year);
                    }

                    sb.Append(Pad(local.Year, 4));
                    break;
                case 'G': sb.Append(Pad(DateMath.IsoWeekYear(local), 4)); break;
                case 'm': sb.Append(Pad(local.Month, 2)); break;
                case 'd': sb.Append(Pad(local.Day, 2)); break;
                case 'H': sb.Append(Pad(local.Hour, 2)); break;
                case 'M': sb.Append(Pad(local.Minute, 2)); break;
                case 'S': sb.Append(Pad(local.Second, 2)); break;
                case 'L': sb.Append(Pad(local.Millisecond, 3)); break;
                case 'j': sb.Append(Pad(local.DayOfYear, 3)); break;
                case 'w': sb.Append(DateMath.DayOfWeek(local)); break;
                case 'u': sb.Append(DateMath.IsoDayOfWeek(local)); break;
                case 'U': sb.Append(Pad(DateMath.Week(local), 2)); break;
                case 'V': sb.Append(Pad(DateMath.IsoWeek(local), 2)); break;
                case 'b': sb.Append(CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(local.Month)); break;
                case 'B': sb.Append(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(local.Month)); break;
                case 'z':
                    sb.Append(offset < TimeSpan.Zero ? '-' : '+').Append(Pad(Math.Abs(offset.Hours), 2)).Append(Pad(Math.Abs(offset.Minutes), 2));
                    break;
                case 'Z': sb.Append((int)offset.TotalMinutes); break;
                default: sb.Append('%'); break;
            }
        }

        return sb.ToString();
    }

    private static string Pad(int value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
