using Ferry.Query.Common;
using Ferry.Query.Expressions;
using Ferry.Query.Sorting;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Accumulators;

/// <summary>
/// The selection accumulators of $group: $firstN $lastN $maxN $minN ({ input, n }) and $top $bottom $topN $bottomN
/// ({ sortBy, output[, n] }). Their argument is compiled to a document expression { v, n, r } (value, count, and the
/// whole document for sorting), which is what <see cref="Accumulator.Add"/> receives.
/// </summary>
internal static class SelectionAccumulators
{
    private static readonly HashSet<string> Names = ["$firstN", "$lastN", "$maxN", "$minN", "$top", "$bottom", "$topN", "$bottomN"];

    public static bool IsSelection(string name) => Names.Contains(name);

    public static (Func<Accumulator> Create, BsonValue Argument) Parse(string name, BsonValue spec)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Create(5787801, "specification for " + name + " must be an object");
        }

        var sorted = name is "$top" or "$bottom" or "$topN" or "$bottomN";
        var takesN = name != "$top" && name != "$bottom";
        var allowed = sorted ? (takesN ? new[] { "sortBy", "output", "n" } : ["sortBy", "output"]) : ["input", "n"];
        foreach (var element in d)
        {
            if (!allowed.Contains(element.Name))
            {
                throw ErrorCodes.Create(5787901, "Unknown argument for '" + name + "': " + element.Name);
            }
        }

        foreach (var required in allowed)
        {
            if (!d.Contains(required))
            {
                throw ErrorCodes.Create(5787906, "Missing value for '" + required + "' in " + name);
            }
        }

        var argument = new BsonDocument
        {
            { "v", sorted ? d["output"] : d["input"] },
            { "n", takesN ? d["n"] : 1 },
        };
        if (!sorted)
        {
            return (() => new SelectNAccumulator(name), argument);
        }

        if (d["sortBy"] is not BsonDocument sortBy)
        {
            throw ErrorCodes.Create(5788604, name + " requires 'sortBy' to be an object");
        }

        argument["r"] = "$$ROOT";
        var sort = SortSpec.Parse(sortBy);
        var bottom = name.StartsWith("$bottom", StringComparison.Ordinal);
        return (() => new TopBottomAccumulator(sort, bottom, takesN), argument);
    }

    /// <summary>The validated n of an evaluated argument.</summary>
    public static int CountOf(string name, BsonDocument argument)
    {
        var n = argument.GetValue("n", BsonNull.Value);
        if (!Values.IsNumber(n) || !Expressions.Operators.Numeric.TryToIntExact(n, out var count) || count <= 0)
        {
            throw ErrorCodes.Create(5787908, "'n' must be a positive integer for " + name + ", found: " + n.ToJson());
        }

        return count;
    }
}

/// <summary>$firstN / $lastN (missing values count, as null) and $maxN / $minN (null and missing skipped).</summary>
internal sealed class SelectNAccumulator(string name) : Accumulator
{
    private readonly List<BsonValue> _values = [];
    private int _n = -1;
    private long _bytes;

    public override void Add(BsonValue? value)
    {
        var argument = (BsonDocument)value!;
        if (_n < 0)
        {
            _n = SelectionAccumulators.CountOf(name, argument);
        }

        var v = argument.GetValue("v", BsonNull.Value);
        switch (name)
        {
            case "$firstN":
                if (_values.Count < _n)
                {
                    Keep(v);
                }

                break;
            case "$lastN":
                Keep(v);
                if (_values.Count > _n)
                {
                    _bytes -= AccumulatorKinds.SizeOf(_values[0]);
                    _values.RemoveAt(0);
                }

                break;
            default:
                if (Values.IsNullish(v))
                {
                    return;
                }

                Keep(v);
                var direction = name == "$maxN" ? -1 : 1;
                _values.Sort((a, b) => direction * BsonValueComparer.Instance.Compare(a, b));
                if (_values.Count > _n)
                {
                    _bytes -= AccumulatorKinds.SizeOf(_values[^1]);
                    _values.RemoveAt(_values.Count - 1);
                }

                break;
        }
    }

    private void Keep(BsonValue v)
    {
        _values.Add(v);
        _bytes += AccumulatorKinds.SizeOf(v);
    }

    public override BsonValue Result() => new BsonArray(_values);

    public override long ApproximateBytes => 24 + _bytes;
}

/// <summary>$top / $bottom / $topN / $bottomN: the outputs of the first (or last) documents in sortBy order.</summary>
internal sealed class TopBottomAccumulator(SortSpec sort, bool bottom, bool many) : Accumulator
{
    private readonly List<(BsonDocument Root, BsonValue Output, long Sequence)> _kept = [];
    private int _n = -1;
    private long _sequence;
    private long _bytes;

    public override void Add(BsonValue? value)
    {
        var argument = (BsonDocument)value!;
        if (_n < 0)
        {
            _n = many ? SelectionAccumulators.CountOf(bottom ? "$bottomN" : "$topN", argument) : 1;
        }

        var root = argument["r"].AsBsonDocument;
        _kept.Add((root, argument.GetValue("v", BsonNull.Value), _sequence++));
        _bytes += AccumulatorKinds.SizeOf(root);
        _kept.Sort((a, b) =>
        {
            var c = sort.Compare(a.Root, b.Root) * (bottom ? -1 : 1);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence) * (bottom ? -1 : 1);
        });
        if (_kept.Count > _n)
        {
            _bytes -= AccumulatorKinds.SizeOf(_kept[^1].Root);
            _kept.RemoveAt(_kept.Count - 1);
        }
    }

    public override BsonValue Result()
    {
        var outputs = (bottom ? Enumerable.Reverse(_kept) : _kept).Select(k => k.Output);
        return many ? new BsonArray(outputs) : _kept.Count > 0 ? _kept[0].Output : BsonNull.Value;
    }

    public override long ApproximateBytes => 24 + _bytes;
}
