using Ferry.Query.Aggregation.Accumulators;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// One output field of $setWindowFields: an accumulator over a window ({ documents: [l, u] } or
/// { range: [l, u], unit }), or a rank-style function ($rank $denseRank $documentNumber $shift).
/// Bounds are numbers relative to the current document, "current" or "unbounded".
/// </summary>
internal sealed class WindowOutput
{
    private WindowOutput(string field, string op)
    {
        Field = field;
        Operator = op;
    }

    public string Field { get; }

    public string Operator { get; }

    public Func<Accumulator>? Create { get; private init; }

    public AggregationExpression? Argument { get; private init; }

    public bool ByRange { get; private init; }

    public BsonValue Lower { get; private init; } = "unbounded";

    public BsonValue Upper { get; private init; } = "unbounded";

    public string? Unit { get; private init; }

    /// <summary>$shift's offset and default.</summary>
    public int ShiftBy { get; private init; }

    public AggregationExpression? ShiftDefault { get; private init; }

    public bool IsRankFunction => Operator is "$rank" or "$denseRank" or "$documentNumber" or "$shift";

    public static WindowOutput Parse(string field, BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument d || d.ElementCount is < 1 or > 2)
        {
            throw ErrorCodes.Parse("$setWindowFields output field '" + field + "' must be an object with one window function and an optional 'window'");
        }

        var function = d.GetElement(0);
        if (function.Name == "window")
        {
            throw ErrorCodes.Parse("$setWindowFields output field '" + field + "' must name its window function first");
        }

        BsonDocument? window = null;
        if (d.ElementCount == 2)
        {
            var second = d.GetElement(1);
            window = second.Name == "window" && second.Value is BsonDocument w ? w
                : throw ErrorCodes.Parse("'window' field must be an object, and the only other field of '" + field + "'");
        }

        switch (function.Name)
        {
            case "$rank":
            case "$denseRank":
            case "$documentNumber":
                if (function.Value is not BsonDocument { ElementCount: 0 } || window is not null)
                {
                    throw ErrorCodes.Parse(function.Name + " must be specified with '{}' as the value and without a window");
                }

                return new WindowOutput(field, function.Name);
            case "$shift":
                var shift = function.Value as BsonDocument ?? throw ErrorCodes.Parse("Argument to $shift must be an object");
                if (!shift.Contains("output") || !shift.Contains("by") || !Expressions.Operators.Numeric.TryToIntExact(shift["by"], out var by))
                {
                    throw ErrorCodes.Parse("$shift requires 'output' and an integer 'by'");
                }

                return new WindowOutput(field, "$shift")
                {
                    Argument = AggregationExpression.Compile(shift["output"], context),
                    ShiftBy = by,
                    ShiftDefault = AggregationExpression.Compile(shift.GetValue("default", BsonNull.Value), context),
                };
        }

        var create = AccumulatorKinds.Find(function.Name) ?? throw ErrorCodes.Parse("Unrecognized window function, " + function.Name);
        var argument = function.Name == "$count" ? AggregationExpression.Compile(1, context) : AggregationExpression.Compile(function.Value, context);
        var (byRange, lower, upper, unit) = ParseWindow(window);
        return new WindowOutput(field, function.Name) { Create = create, Argument = argument, ByRange = byRange, Lower = lower, Upper = upper, Unit = unit };
    }

    private static (bool ByRange, BsonValue Lower, BsonValue Upper, string? Unit) ParseWindow(BsonDocument? window)
    {
        if (window is null)
        {
            return (false, "unbounded", "unbounded", null);
        }

        string? unit = null;
        BsonArray? bounds = null;
        var byRange = false;
        foreach (var element in window)
        {
            switch (element.Name)
            {
                case "documents":
                case "range":
                    bounds = element.Value as BsonArray is { Count: 2 } b ? b : throw ErrorCodes.Parse("Window bounds must be a 2-element array");
                    byRange = element.Name == "range";
                    break;
                case "unit":
                    unit = Expressions.Operators.DateArithmeticOperators.UnitName("$setWindowFields", element.Value);
                    break;
                default:
                    throw ErrorCodes.Parse("'window' field can only contain 'documents' as the only argument or 'range' with an optional 'unit' field");
            }
        }

        if (bounds is null)
        {
            return (false, "unbounded", "unbounded", null);
        }

        foreach (var bound in bounds)
        {
            if (!(bound.IsNumeric || bound is BsonString { Value: "current" or "unbounded" }))
            {
                throw ErrorCodes.Parse("Window bounds must be 'unbounded', 'current', or a number");
            }
        }

        return (byRange, bounds[0], bounds[1], unit);
    }
}
