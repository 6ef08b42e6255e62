using System.Globalization;

namespace Ferry.Query.Expressions;

/// <summary>Conversions between BSON dates (milliseconds since the epoch) and calendar values.</summary>
internal static class DateMath
{
    public static DateTime FromMillis(long millis)
    {
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw ExpressionErrors.Location(18537, "date is outside the range this store can represent: " + millis + " ms");
        }
    }

    public static long ToMillis(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>Day of week with Sunday = 1 … Saturday = 7 ($dayOfWeek).</summary>
    public static int DayOfWeek(DateTime local) => (int)local.DayOfWeek + 1;

    /// <summary>Week of the year, weeks starting on Sunday, days before the first Sunday in week 0 (strftime %U, $week).</summary>
    public static int Week(DateTime local) => (local.DayOfYear - 1 + 7 - (int)local.DayOfWeek) / 7;

    public static int IsoWeek(DateTime local) => ISOWeek.GetWeekOfYear(local);

    public static int IsoWeekYear(DateTime local) => ISOWeek.GetYear(local);

    /// <summary>ISO day of week with Monday = 1 … Sunday = 7.</summary>
    public static int IsoDayOfWeek(DateTime local) => local.DayOfWeek == System.DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek;
}
