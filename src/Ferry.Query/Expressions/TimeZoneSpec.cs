using System.Globalization;

namespace Ferry.Query.Expressions;

/// <summary>
/// A time zone argument of the date operators: "UTC", an Olson name ("Europe/Berlin") or an offset
/// ("+03", "+0530", "-08:00"). Converts between UTC instants and local wall-clock time.
/// </summary>
internal sealed class TimeZoneSpec
{
    public static readonly TimeZoneSpec Utc = new(TimeSpan.Zero, null);

    private readonly TimeSpan _fixedOffset;
    private readonly TimeZoneInfo? _zone;
    private readonly Common.MqlException? _error;

    private TimeZoneSpec(TimeSpan fixedOffset, TimeZoneInfo? zone, Common.MqlException? error = null)
    {
        _fixedOffset = fixedOffset;
        _zone = zone;
        _error = error;
    }

    /// <summary>
    /// A time zone argument that was invalid. MongoDB returns null when any other argument is null before it
    /// validates the time zone, so the error is raised only when the zone is used.
    /// </summary>
    public static TimeZoneSpec Failed(Common.MqlException error) => new(TimeSpan.Zero, null, error);

    /// <summary>Raises the deferred error of an invalid time zone argument, if any.</summary>
    public TimeZoneSpec Validated() => _error is null ? this : throw _error;

    public static TimeZoneSpec Parse(string text)
    {
        if (text is "UTC" or "GMT" or "Z" or "Etc/UTC")
        {
            return Utc;
        }

        if (text.Length > 1 && (text[0] == '+' || text[0] == '-'))
        {
            var digits = text[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            if (digits.All(char.IsAsciiDigit) && digits.Length is 2 or 4)
            {
                var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                var minutes = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
                var offset = new TimeSpan(hours, minutes, 0);
                return new TimeZoneSpec(text[0] == '-' ? -offset : offset, null);
            }
        }

        try
        {
            return new TimeZoneSpec(TimeSpan.Zero, TimeZoneInfo.FindSystemTimeZoneById(text));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw ExpressionErrors.Location(40485, "unrecognized time zone identifier: \"" + text + "\"");
        }
    }

    /// <summary>The offset from UTC at a given instant.</summary>
    public TimeSpan OffsetAt(DateTime utc) => Validated()._zone is null ? _fixedOffset : _zone!.GetUtcOffset(utc);

    /// <summary>The wall-clock time at an instant (Kind = Unspecified).</summary>
    public DateTime ToLocal(long millis)
    {
        var utc = DateMath.FromMillis(millis);
        return DateTime.SpecifyKind(utc + OffsetAt(utc), DateTimeKind.Unspecified);
    }

    /// <summary>The instant of a wall-clock time (an ambiguous or skipped local time resolves with the standard offset).</summary>
    public long ToMillis(DateTime local)
    {
        Validated();
        if (_zone is null)
        {
            return DateMath.ToMillis(DateTime.SpecifyKind(local - _fixedOffset, DateTimeKind.Utc));
        }

        var offset = _zone.IsInvalidTime(local) ? _zone.BaseUtcOffset : _zone.GetUtcOffset(local);
        return DateMath.ToMillis(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc));
    }
}
