using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Accumulators;

/// <summary>
/// One running accumulation of a $group field ($sum, $push, ...). Values arrive one at a time (null = missing);
/// <see cref="Result"/> reads the outcome. <see cref="ApproximateBytes"/> lets $group enforce its memory limit.
/// </summary>
internal abstract class Accumulator
{
    public abstract void Add(BsonValue? value);

    public abstract BsonValue Result();

    public virtual long ApproximateBytes => 16;
}
