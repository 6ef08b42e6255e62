using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Accumulators;

/// <summary>The accumulators MongoDB's $group offers that Ferry implements, by operator name.</summary>
internal static class AccumulatorKinds
{
    public static Func<Accumulator>? Find(string name) => name switch
    {
        "$sum" => () => new SumAccumulator(),
        "$count" => () => new SumAccumulator(),
        "$avg" => () => new AvgAccumulator(),
        "$min" => () => new ExtremeAccumulator(-1),
        "$max" => () => new ExtremeAccumulator(1),
        "$first" => () => new FirstAccumulator(),
        "$last" => () => new LastAccumulator(),
        "$push" => () => new PushAccumulator(false),
        "$addToSet" => () => new PushAccumulator(true),
        "$mergeObjects" => () => new MergeObjectsAccumulator(),
        "$stdDevPop" => () => new StdDevAccumulator(false),
        "$stdDevSamp" => () => new StdDevAccumulator(true),
        _ => null,
    };

    /// <summary>A rough in-memory size of a value, for memory limits (BSON size plus some overhead).</summary>
    public static long SizeOf(BsonValue? value) => value switch
    {
        null => 8,
        BsonDocument d => 24 + d.Sum(e => e.Name.Length + 8 + SizeOf(e.Value)),
        BsonArray a => 24 + a.Sum(SizeOf),
        BsonString s => 24 + s.Value.Length * 2L,
        BsonBinaryData b => 24 + b.Bytes.Length,
        _ => 16,
    };
}

/// <summary>
/// $sum: numbers only (others ignored). Integers sum exactly and stay int/long while they fit; doubles use a
/// compensated (Neumaier) sum as MongoDB's double-double summation does, so ten 0.1s make 1.0; any decimal makes
/// the total a decimal.
/// </summary>
internal sealed class SumAccumulator : Accumulator
{
    private BsonType _widest = BsonType.Int32;
    private long _longSum;
    private bool _longOverflow;
    private double _sum;
    private double _compensation;
    private double _special;
    private BsonValue? _decimalTotal;

    public override void Add(BsonValue? value)
    {
        if (!Values.IsNumber(value))
        {
            return;
        }

        if (value!.BsonType == BsonType.Decimal128 || _decimalTotal is not null)
        {
            _decimalTotal = Expressions.Operators.Numeric.Add(_decimalTotal ?? new BsonDecimal128(Expressions.Operators.Numeric.ToDecimal128Rounded(NonDecimalResult())), value);
            return;
        }

        if (value.BsonType == BsonType.Double)
        {
            _widest = BsonType.Double;
        }
        else if (value.BsonType == BsonType.Int64 && _widest == BsonType.Int32)
        {
            _widest = BsonType.Int64;
        }

        if (value.BsonType != BsonType.Double && !_longOverflow)
        {
            try
            {
                _longSum = checked(_longSum + value.ToInt64());
            }
            catch (OverflowException)
            {
                _longOverflow = true;
            }
        }

        AddDouble(BsonValueComparer.ToDouble(value));
    }

    public override BsonValue Result() => _decimalTotal ?? NonDecimalResult();

    private BsonValue NonDecimalResult()
    {
        if (_widest != BsonType.Double && !_longOverflow)
        {
            return Expressions.Operators.Numeric.Integral(_longSum, _widest == BsonType.Int32);
        }

        return new BsonDouble(_special != 0 || double.IsNaN(_special) ? _special + _sum : _sum + _compensation);
    }

    private void AddDouble(double x)
    {
        if (!double.IsFinite(x))
        {
            _special += x;
            return;
        }

        var t = _sum + x;
        _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
        _sum = t;
    }
}

/// <summary>$avg: the mean of the numbers seen (a double, or a decimal if any input is one); null if none.</summary>
internal sealed class AvgAccumulator : Accumulator
{
    private readonly SumAccumulator _sum = new();
    private long _count;
    private bool _decimal;

    public override void Add(BsonValue? value)
    {
        if (Values.IsNumber(value))
        {
            _sum.Add(value);
            _count++;
            _decimal |= value!.BsonType == BsonType.Decimal128;
        }
    }

    public override BsonValue Result()
    {
        if (_count == 0)
        {
            return BsonNull.Value;
        }

        var total = _sum.Result();
        return _decimal
            ? Expressions.Operators.Numeric.DecimalOp(total, new BsonInt64(_count), (a, b) => a / b, (a, b) => a / b)
            : new BsonDouble(BsonValueComparer.ToDouble(total) / _count);
    }
}

/// <summary>$min / $max in MongoDB's order, ignoring null and missing; null when nothing else was seen.</summary>
internal sealed class ExtremeAccumulator(int direction) : Accumulator
{
    private BsonValue? _best;

    public override void Add(BsonValue? value)
    {
        if (Values.IsNullish(value))
        {
            return;
        }

        if (_best is null || BsonValueComparer.Instance.Compare(value, _best) * direction > 0)
        {
            _best = value;
        }
    }

    public override BsonValue Result() => _best ?? BsonNull.Value;

    public override long ApproximateBytes => AccumulatorKinds.SizeOf(_best);
}

/// <summary>$first: the first value seen (missing becomes null).</summary>
internal sealed class FirstAccumulator : Accumulator
{
    private bool _seen;
    private BsonValue _value = BsonNull.Value;

    public override void Add(BsonValue? value)
    {
        if (!_seen)
        {
            _seen = true;
            _value = value ?? BsonNull.Value;
        }
    }

    public override BsonValue Result() => _value;

    public override long ApproximateBytes => AccumulatorKinds.SizeOf(_value);
}

/// <summary>$last: the last value seen (missing becomes null).</summary>
internal sealed class LastAccumulator : Accumulator
{
    private BsonValue _value = BsonNull.Value;

    public override void Add(BsonValue? value) => _value = value ?? BsonNull.Value;

    public override BsonValue Result() => _value;

    public override long ApproximateBytes => AccumulatorKinds.SizeOf(_value);
}

/// <summary>$push (every value) and $addToSet (distinct values); missing values are skipped.</summary>
internal sealed class PushAccumulator(bool distinct) : Accumulator
{
    private readonly BsonArray _values = [];
    private readonly HashSet<BsonValue?> _seen = new(BsonValueComparer.Instance);
    private long _bytes = 24;

    public override void Add(BsonValue? value)
    {
        if (value is null || distinct && !_seen.Add(value))
        {
            return;
        }

        _values.Add(value);
        _bytes += AccumulatorKinds.SizeOf(value);
    }

    public override BsonValue Result() => _values;

    public override long ApproximateBytes => _bytes;
}

/// <summary>$mergeObjects: later documents' fields win; null and missing are skipped.</summary>
internal sealed class MergeObjectsAccumulator : Accumulator
{
    private readonly BsonDocument _merged = [];

    public override void Add(BsonValue? value)
    {
        if (Values.IsNullish(value))
        {
            return;
        }

        if (value is not BsonDocument d)
        {
            throw ErrorCodes.Create(40400, "$mergeObjects requires object inputs, but input " + value!.ToJson() + " is of type " + ExpressionErrors.TypeName(value));
        }

        foreach (var e in d)
        {
            _merged[e.Name] = e.Value;
        }
    }

    public override BsonValue Result() => _merged;

    public override long ApproximateBytes => AccumulatorKinds.SizeOf(_merged);
}

/// <summary>$stdDevPop / $stdDevSamp over the numbers seen (Welford's method); null when undefined.</summary>
internal sealed class StdDevAccumulator(bool sample) : Accumulator
{
    private long _count;
    private double _mean;
    private double _m2;

    public override void Add(BsonValue? value)
    {
        if (!Values.IsNumber(value))
        {
            return;
        }

        var x = BsonValueComparer.ToDouble(value!);
        _count++;
        var delta = x - _mean;
        _mean += delta / _count;
        _m2 += delta * (x - _mean);
    }

    public override BsonValue Result()
    {
        var n = sample ? _count - 1 : _count;
        return n <= 0 ? BsonNull.Value : new BsonDouble(Math.Sqrt(_m2 / n));
    }
}
