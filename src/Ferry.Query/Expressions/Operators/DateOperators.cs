using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>
/// The date part extractors ($year ... $millisecond, $dayOfWeek, $week, ISO variants), each accepting a date
/// expression or <c>{ date, timezone }</c>, plus $dateToString and $dateFromString.
/// </summary>
internal static class DateOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$year"] = Part(d => d.Year);
        table["$month"] = Part(d => d.Month);
        table["$dayOfMonth"] = Part(d => d.Day);
        table["$hour"] = Part(d => d.Hour);
        table["$minute"] = Part(d => d.Minute);
        table["$second"] = Part(d => d.Second);
        table["$millisecond"] = Part(d => d.Millisecond);
        table["$dayOfWeek"] = Part(DateMath.DayOfWeek);
        table["$dayOfYear"] = Part(d => d.DayOfYear);
        table["$week"] = Part(DateMath.Week);
        table["$isoWeek"] = Part(DateMath.IsoWeek);
        table["$isoWeekYear"] = Part(DateMath.IsoWeekYear, asLong: true);
        table["$isoDayOfWeek"] = Part(DateMath.IsoDayOfWeek);
        table["$dateToString"] = ParseDateToString;
        table["$dateFromString"] = ParseDateFromString;
        DateArithmeticOperators.Register(table);
        DatePartsOperators.Register(table);
    }

    /// <summary>Reads a timezone argument; null when it evaluates to null (the operator then returns null). An invalid
    /// time zone fails only when used, after the operator's null checks, as in MongoDB.</summary>
    public static TimeZoneSpec? Zone(ExpressionNode? timezone, EvaluationScope scope, string name, out bool isNull)
    {
        isNull = false;
        if (timezone is null)
        {
            return TimeZoneSpec.Utc;
        }

        var value = timezone.Evaluate(scope);
        if (Values.IsNullish(value))
        {
            isNull = true;
            return null;
        }

        if (value is not BsonString s)
        {
            return TimeZoneSpec.Failed(ExpressionErrors.Location(40517, "timezone must evaluate to a string, found " + ExpressionErrors.TypeName(value)));
        }

        try
        {
            return TimeZoneSpec.Parse(s.Value);
        }
        catch (Common.MqlException error)
        {
            return TimeZoneSpec.Failed(error);
        }
    }

    private static OperatorParser Part(Func<DateTime, int> part, bool asLong = false) => (parser, name, operand) =>
    {
        ExpressionNode date;
        ExpressionNode? timezone = null;
        if (operand is BsonDocument d && d.ElementCount > 0 && !d.GetElement(0).Name.StartsWith('$'))
        {
            var args = ExpressionParser.Named(name, operand, ["date"], ["timezone"]);
            date = parser.Parse(args["date"]);
            timezone = args.TryGetValue("timezone", out var tz) ? parser.Parse(tz) : null;
        }
        else
        {
            date = parser.Exactly(name, operand, 1)[0];
        }

        return new LazyNode(scope =>
        {
            var value = date.Evaluate(scope);
            var zone = Zone(timezone, scope, name, out var zoneIsNull);
            if (Values.IsNullish(value) || zoneIsNull)
            {
                return BsonNull.Value;
            }

            var local = zone!.ToLocal(Values.CoerceToDate(value!));
            var result = part(local);
            return asLong ? new BsonInt64(result) : new BsonInt32(result);
        });
    };

    private static ExpressionNode ParseDateToString(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, [], ["date", "format", "timezone", "onNull"]);
        var date = parser.Parse(args.TryGetValue("date", out var d) ? d : throw ExpressionErrors.Location(18628, "Missing 'date' parameter to $dateToString"));
        var format = args.TryGetValue("format", out var f) ? parser.Parse(f) : null;
        var timezone = args.TryGetValue("timezone", out var tz) ? parser.Parse(tz) : null;
        var onNull = args.TryGetValue("onNull", out var n) ? parser.Parse(n) : null;
        if (format is not null && format.TryGetConstant(out var constantFormat) && constantFormat is BsonString cf)
        {
            DateFormat.Validate(cf.Value);
        }

        return new LazyNode(scope =>
        {
            var value = date.Evaluate(scope);
            var formatValue = format?.Evaluate(scope);
            var zone = Zone(timezone, scope, name, out var zoneIsNull);
            if (format is not null && Values.IsNullish(formatValue) || zoneIsNull)
            {
                return BsonNull.Value;
            }

            if (Values.IsNullish(value))
            {
                return onNull is null ? BsonNull.Value : onNull.Evaluate(scope);
            }

            if (formatValue is not null and not BsonString)
            {
                throw ExpressionErrors.Location(18533, "$dateToString requires that 'format' be a string, found: " + ExpressionErrors.TypeName(formatValue) + " with value " + formatValue.ToJson());
            }

            // Without a format, a non-UTC time zone drops the trailing Z (the time is not UTC any more).
            var text = (formatValue as BsonString)?.Value ?? (zone == TimeZoneSpec.Utc ? DateFormat.DefaultFormat : "%Y-%m-%dT%H:%M:%S.%L");
            return new BsonString(DateFormat.Format(Values.CoerceToDate(value!), text, zone!));
        });
    }

    private static ExpressionNode ParseDateFromString(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, ["dateString"], ["format", "timezone", "onError", "onNull"]);
        var input = parser.Parse(args["dateString"]);
        var format = args.TryGetValue("format", out var f) ? parser.Parse(f) : null;
        var timezone = args.TryGetValue("timezone", out var tz) ? parser.Parse(tz) : null;
        var onError = args.TryGetValue("onError", out var e) ? parser.Parse(e) : null;
        var onNull = args.TryGetValue("onNull", out var n) ? parser.Parse(n) : null;
        return new LazyNode(scope =>
        {
            var value = input.Evaluate(scope);
            var formatValue = format?.Evaluate(scope);
            var zone = Zone(timezone, scope, name, out var zoneIsNull);
            if (format is not null && Values.IsNullish(formatValue) || zoneIsNull)
            {
                return BsonNull.Value;
            }

            if (Values.IsNullish(value))
            {
                return onNull is null ? BsonNull.Value : onNull.Evaluate(scope);
            }

            try
            {
                if (value is not BsonString s)
                {
                    throw ExpressionErrors.Conversion("$dateFromString requires that 'dateString' be a string, found: " + ExpressionErrors.TypeName(value) + " with value " + value!.ToJson());
                }

                return new BsonDateTime(DateParsing.Parse(s.Value, (formatValue as BsonString)?.Value, zone!, name));
            }
            catch (Common.MqlException error) when (error.Code == ExpressionErrors.ConversionFailure && onError is not null)
            {
                return onError.Evaluate(scope);
            }
        });
    }
}
