using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary><c>$size</c>: an array with exactly that many elements.</summary>
internal sealed class SizePredicate(int size) : ValuePredicate
{
    public override bool ExpandsLeafArrays => false;

    public override bool Matches(BsonValue? value) => value is BsonArray a && a.Count == size;
}

/// <summary><c>$elemMatch</c> with a query document: some element (a document) matches the whole inner filter.</summary>
internal sealed class ElemMatchObjectPredicate(MatchNode inner) : ValuePredicate
{
    public override bool ExpandsLeafArrays => false;

    public override bool Matches(BsonValue? value) => Matches(value, out _);

    public override bool Matches(BsonValue? value, out int? elementPosition)
    {
        elementPosition = null;
        if (value is not BsonArray array)
        {
            return false;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var candidate = array[i] switch
            {
                BsonDocument d => d,
                BsonArray nested => AsDocument(nested),
                _ => null,
            };
            if (candidate is not null && inner.Matches(candidate, null))
            {
                elementPosition = i;
                return true;
            }
        }

        return false;
    }

    // MongoDB sees a nested array as a document whose field names are "0", "1", ...
    private static BsonDocument AsDocument(BsonArray array)
    {
        var d = new BsonDocument();
        for (var i = 0; i < array.Count; i++)
        {
            d.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), array[i]);
        }

        return d;
    }
}

/// <summary><c>$elemMatch</c> with operators (<c>{ $gt: 1, $lt: 5 }</c>): one element satisfies all of them itself.</summary>
internal sealed class ElemMatchValuePredicate(ValuePredicate inner) : ValuePredicate
{
    public override bool ExpandsLeafArrays => false;

    public override bool Matches(BsonValue? value) => Matches(value, out _);

    public override bool Matches(BsonValue? value, out int? elementPosition)
    {
        elementPosition = null;
        if (value is not BsonArray array)
        {
            return false;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (inner.Matches(array[i]))
            {
                elementPosition = i;
                return true;
            }
        }

        return false;
    }
}
