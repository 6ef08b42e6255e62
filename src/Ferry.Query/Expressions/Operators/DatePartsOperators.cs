using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$dateFromParts $dateToParts $dateTrunc.</summary>
internal static class DatePartsOperators
{
    private static readonly string[] CalendarParts = ["year", "month", "day", "hour", "minute", "second", "millisecond"];
    private static readonly string[] IsoParts = ["isoWeekYear", "isoWeek", "isoDayOfWeek", "hour", "minute", "second", "millisecond"];

    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$dateFromParts"] = ParseFromParts;
        table["$dateToParts"] = ParseToParts;
        table["$dateTrunc"] = ParseTrunc;
    }

    private static ExpressionNode ParseFromParts(ExpressionParser parser, string name, BsonValue operand)
    {
        var iso = operand is BsonDocument d && d.Contains("isoWeekYear");
        var names = iso ? IsoParts : CalendarParts;
        var args = ExpressionParser.Named(name, operand, [names[0]], [.. names.Skip(1), "timezone"]);
        var parts = names.Select(n => args.TryGetValue(n, out var v) ? parser.Parse(v) : null).ToArray();
        var timezone = args.TryGetValue("timezone", out var tz) ? parser.Parse(tz) : null;
        return new LazyNode(scope =>
        {
            var values = new long[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                var value = parts[i]?.Evaluate(scope);
                if (parts[i] is not null && Values.IsNullish(value))
                {
                    return BsonNull.Value;
                }

                if (value is null)
                {
                    values[i] = i < 3 && i > 0 ? 1 : 0;
                    continue;
                }

                if (!Values.IsNumber(value) || !Numeric.TryToLongExact(value, out values[i]))
                {
                    throw ExpressionErrors.Location(40515, "'" + names[i] + "' must evaluate to an integer, found " + ExpressionErrors.TypeName(value) + " with value " + value.ToJson());
                }
            }

            var zone = DateOperators.Zone(timezone, scope, name, out var zoneIsNull);
            if (zoneIsNull)
            {
                return BsonNull.Value;
            }

            if (values[0] is < 1 or > 9999)
            {
                throw ExpressionErrors.Location(40523, "'" + names[0] + "' must evaluate to an integer in the range 1 to 9999, found " + values[0]);
            }

            try
            {
                var start = iso
                    ? System.Globalization.ISOWeek.ToDateTime((int)values[0], 1, DayOfWeek.Monday).AddDays((values[1] - 1) * 7 + (values[2] - 1))
                    : new DateTime((int)values[0], 1, 1).AddMonths((int)(values[1] - 1)).AddDays(values[2] - 1);
                var local = start.AddHours(values[3]).AddMinutes(values[4]).AddSeconds(values[5]).AddMilliseconds(values[6]);
                return new BsonDateTime(zone!.ToMillis(local));
            }
            catch (ArgumentOutOfRangeException)
            {
                throw ExpressionErrors.Location(40523, "$dateFromParts: the parts give a date outside the supported range");
            }
        });
    }

    private static ExpressionNode ParseToParts(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, ["date"], ["timezone", "iso8601"]);
        var date = parser.Parse(args["date"]);
        var timezone = args.TryGetValue("timezone", out var tz) ? parser.Parse(tz) : null;
        var iso = args.TryGetValue("iso8601", out var i) ? parser.Parse(i) : null;
        return new LazyNode(scope =>
        {
            var value = date.Evaluate(scope);
            var zone = DateOperators.Zone(timezone, scope, name, out var zoneIsNull);
            var isoValue = iso?.Evaluate(scope);
            if (Values.IsNullish(value) || zoneIsNull || iso is not null && Values.IsNullish(isoValue))
            {
                return BsonNull.Value;
            }

            var local = zone!.ToLocal(Values.CoerceToDate(value!));
            var result = isoValue is BsonBoolean { Value: true }
                ? new BsonDocument { { "isoWeekYear", DateMath.IsoWeekYear(local) }, { "isoWeek", DateMath.IsoWeek(local) }, { "isoDayOfWeek", DateMath.IsoDayOfWeek(local) } }
                : new BsonDocument { { "year", local.Year }, { "month", local.Month }, { "day", local.Day } };
            result.Add("hour", local.Hour).Add("minute", local.Minute).Add("second", local.Second).Add("millisecond", local.Millisecond);
            return result;
        });
    }

    private static ExpressionNode ParseTrunc(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, ["date", "unit"], ["binSize", "timezone", "startOfWeek"]);
        var date = parser.Parse(args["date"]);
        var unit = parser.Parse(args["unit"]);
        var binSize = args.TryGetValue("binSize", out var b) ? parser.Parse(b) : null;
        var timezone = args.TryGetValue("timezone", out var tz) ? parser.Parse(tz) : null;
        var startOfWeek = args.TryGetValue("startOfWeek", out var sw) ? parser.Parse(sw) : null;
        return new LazyNode(scope =>
        {
            var value = date.Evaluate(scope);
            var unitValue = unit.Evaluate(scope);
            var size = binSize?.Evaluate(scope);
            var weekStart = startOfWeek?.Evaluate(scope);
            var zone = DateOperators.Zone(timezone, scope, name, out var zoneIsNull);
            if (Values.IsNullish(value) || Values.IsNullish(unitValue) || binSize is not null && Values.IsNullish(size) || zoneIsNull)
            {
                return BsonNull.Value;
            }

            if (!Values.IsDateLike(value))
            {
                throw ExpressionErrors.Location(5439012, "$dateTrunc requires 'date' to be a date, but got " + ExpressionErrors.TypeName(value));
            }

            long bins = 1;
            if (size is not null && (!Values.IsNumber(size) || !Numeric.TryToLongExact(size, out bins) || bins <= 0))
            {
                throw ExpressionErrors.Location(5439017, "$dateTrunc requires 'binSize' to be a positive 64-bit integer, but got value '" + size.ToJson() + "'");
            }

            var unitName = DateArithmeticOperators.UnitName(name, unitValue);
            var firstDay = weekStart is BsonString ws ? Enum.GetValues<DayOfWeek>().FirstOrDefault(d => d.ToString().StartsWith(ws.Value, StringComparison.OrdinalIgnoreCase)) : DayOfWeek.Sunday;
            var millis = Values.CoerceToDate(value!);

            // Bins count from 2000-01-01 (local), aligned to the week start for weeks, as MongoDB does.
            var reference = new DateTime(2000, 1, 1);
            if (unitName == "week")
            {
                reference = reference.AddDays(((int)firstDay - (int)reference.DayOfWeek + 7) % 7);
            }

            var referenceMillis = zone!.ToMillis(reference);
            var units = DateArithmeticOperators.Diff(referenceMillis, millis, unitName, zone, firstDay);
            var floor = units >= 0 ? units / bins * bins : -((-units + bins - 1) / bins) * bins;
            var truncated = DateArithmeticOperators.Add(referenceMillis, unitName, floor, zone);
            if (truncated > millis)
            {
                truncated = DateArithmeticOperators.Add(referenceMillis, unitName, floor - bins, zone);
            }

            return new BsonDateTime(truncated);
        });
    }
}
