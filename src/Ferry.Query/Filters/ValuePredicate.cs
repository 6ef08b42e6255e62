using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// A test of one value reached by a path (MongoDB's "matchesSingleElement"). A null value means the path
/// reached nothing (missing).
/// </summary>
internal abstract class ValuePredicate
{
    /// <summary>False for operators that look at whole arrays ($size, $elemMatch), so leaf arrays are not expanded.</summary>
    public virtual bool ExpandsLeafArrays => true;

    public abstract bool Matches(BsonValue? value);

    /// <summary>As <see cref="Matches(BsonValue?)"/>, also giving the position of a matching element inside the value.</summary>
    public virtual bool Matches(BsonValue? value, out int? elementPosition)
    {
        elementPosition = null;
        return Matches(value);
    }
}

/// <summary>Every inner predicate holds for the same value (operators inside an <c>$elemMatch</c> value form).</summary>
internal sealed class AllOfPredicate(IReadOnlyList<ValuePredicate> predicates) : ValuePredicate
{
    public override bool Matches(BsonValue? value)
    {
        foreach (var predicate in predicates)
        {
            if (!predicate.Matches(value))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Negation of a predicate on a single value (<c>$not</c>, <c>$ne</c> inside an <c>$elemMatch</c> value form).</summary>
internal sealed class NotPredicate(ValuePredicate inner) : ValuePredicate
{
    public override bool Matches(BsonValue? value) => !inner.Matches(value);
}

/// <summary>Matches nothing (an empty <c>$all</c>).</summary>
internal sealed class NeverPredicate : ValuePredicate
{
    public override bool Matches(BsonValue? value) => false;
}
