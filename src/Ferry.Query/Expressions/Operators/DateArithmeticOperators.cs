using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$dateAdd $dateSubtract $dateDiff: calendar units (year … day) in the given time zone, fixed units below.</summary>
internal static class DateArithmeticOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$dateAdd"] = ParseAdd(1);
        table["$dateSubtract"] = ParseAdd(-1);
        table["$dateDiff"] = ParseDiff;
    }

    private static OperatorParser ParseAdd(int sign) => (parser, name, operand) =>
    {
        var args = ExpressionParser.Named(name, operand, ["startDate", "unit", "amount"], ["timezone"]);
        var start = parser.Parse(args["startDate"]);
        var unit = parser.Parse(args["unit"]);
        var amount = parser.Parse(args["amount"]);
        var timezone = args.TryGetValue("timezone", out var tz) ? parser.Parse(tz) : null;
        return new LazyNode(scope =>
        {
            var startValue = start.Evaluate(scope);
            var unitValue = unit.Evaluate(scope);
            var amountValue = amount.Evaluate(scope);
            var zone = DateOperators.Zone(timezone, scope, name, out var zoneIsNull);
            if (Values.IsNullish(startValue) || Values.IsNullish(unitValue) || Values.IsNullish(amountValue) || zoneIsNull)
            {
                return BsonNull.Value;
            }

            if (!Values.IsDateLike(startValue))
            {
                throw ExpressionErrors.Location(5166403, name + " requires startDate to be convertible to a date");
            }

            if (!Values.IsNumber(amountValue) || !Numeric.TryToLongExact(amountValue!, out var n))
            {
                throw ExpressionErrors.Location(5166405, name + " expects integer amount of time units");
            }

            var unitName = UnitName(name, unitValue);
            return new BsonDateTime(Add(Values.CoerceToDate(startValue!), unitName, sign * n, zone!));
        });
    };

    public static string UnitName(string name, BsonValue? unit)
    {
        var text = (unit as BsonString)?.Value ?? throw ExpressionErrors.Location(5439013, name + " requires 'unit' to be a string, but got " + ExpressionErrors.TypeName(unit));
        return text is "year" or "quarter" or "month" or "week" or "day" or "hour" or "minute" or "second" or "millisecond"
            ? text
            : throw ExpressionErrors.Location(5439014, name + " parameter 'unit' value cannot be recognized as a time unit: " + text);
    }

    public static long Add(long millis, string unit, long amount, TimeZoneSpec zone)
    {
        try
        {
            switch (unit)
            {
                case "millisecond": return checked(millis + amount);
                case "second": return checked(millis + amount * 1000);
                case "minute": return checked(millis + amount * 60_000);
                case "hour": return checked(millis + amount * 3_600_000);
            }

            var local = zone.ToLocal(millis);
            var moved = unit switch
            {
                "day" => local.AddDays(amount),
                "week" => local.AddDays(amount * 7),
                "month" => local.AddMonths(checked((int)amount)),
                "quarter" => local.AddMonths(checked((int)(amount * 3))),
                _ => local.AddYears(checked((int)amount)),
            };
            return zone.ToMillis(moved);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw ExpressionErrors.Location(5166406, "$dateAdd overflowed");
        }
    }

    private static ExpressionNode ParseDiff(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, ["startDate", "endDate", "unit"], ["timezone", "startOfWeek"]);
        var start = parser.Parse(args["startDate"]);
        var end = parser.Parse(args["endDate"]);
        var unit = parser.Parse(args["unit"]);
        var timezone = args.TryGetValue("timezone", out var tz) ? parser.Parse(tz) : null;
        var startOfWeek = args.TryGetValue("startOfWeek", out var sw) ? parser.Parse(sw) : null;
        return new LazyNode(scope =>
        {
            var s = start.Evaluate(scope);
            var e = end.Evaluate(scope);
            var u = unit.Evaluate(scope);
            var zone = DateOperators.Zone(timezone, scope, name, out var zoneIsNull);
            if (Values.IsNullish(s) || Values.IsNullish(e) || Values.IsNullish(u) || zoneIsNull)
            {
                return BsonNull.Value;
            }

            // startOfWeek only matters (and is only checked) when the unit is the week.
            BsonValue? weekStart = null;
            if (startOfWeek is not null && u is BsonString { Value: "week" })
            {
                weekStart = startOfWeek.Evaluate(scope);
                if (Values.IsNullish(weekStart))
                {
                    return BsonNull.Value;
                }
            }

            if (!Values.IsDateLike(s) || !Values.IsDateLike(e))
            {
                throw ExpressionErrors.Location(5166307, name + " requires 'startDate' and 'endDate' to be dates");
            }

            var unitName = UnitName(name, u);
            var first = DayOfWeekFromName(weekStart);
            return new BsonInt64(Diff(Values.CoerceToDate(s!), Values.CoerceToDate(e!), unitName, zone!.Validated(), first));
        });
    }

    private static DayOfWeek DayOfWeekFromName(BsonValue? name)
    {
        if (name is null)
        {
            return DayOfWeek.Sunday;
        }

        if (name is not BsonString text)
        {
            throw ExpressionErrors.Location(5439015, "$dateDiff requires 'startOfWeek' to be a string, but got " + ExpressionErrors.TypeName(name));
        }

        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var full = day.ToString();
            if (string.Equals(text.Value, full, StringComparison.OrdinalIgnoreCase) || string.Equals(text.Value, full[..3], StringComparison.OrdinalIgnoreCase))
            {
                return day;
            }
        }

        throw ExpressionErrors.Location(5439016, "$dateDiff parameter 'startOfWeek' value cannot be recognized as a day of a week: " + text.Value);
    }

    /// <summary>How many unit boundaries lie between two instants (so 23:59 → 00:01 is one day).</summary>
    public static long Diff(long startMillis, long endMillis, string unit, TimeZoneSpec zone, DayOfWeek firstDay)
    {
        switch (unit)
        {
            case "millisecond": return endMillis - startMillis;
            case "second": return FloorDiv(endMillis, 1000) - FloorDiv(startMillis, 1000);
            case "minute": return FloorDiv(endMillis, 60_000) - FloorDiv(startMillis, 60_000);
            case "hour":
                return FloorDiv(endMillis, 3_600_000) - FloorDiv(startMillis, 3_600_000);
        }

        var a = zone.ToLocal(startMillis);
        var b = zone.ToLocal(endMillis);
        return unit switch
        {
            "year" => b.Year - a.Year,
            "quarter" => (b.Year * 4L + (b.Month - 1) / 3) - (a.Year * 4L + (a.Month - 1) / 3),
            "month" => (b.Year * 12L + b.Month) - (a.Year * 12L + a.Month),
            "week" => (long)(WeekStart(b.Date, firstDay) - WeekStart(a.Date, firstDay)).TotalDays / 7,
            _ => (long)(b.Date - a.Date).TotalDays,
        };
    }

    private static DateTime WeekStart(DateTime date, DayOfWeek firstDay) => date.AddDays(-(((int)date.DayOfWeek - (int)firstDay + 7) % 7));

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
