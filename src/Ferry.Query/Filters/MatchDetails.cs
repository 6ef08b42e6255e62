namespace Ferry.Query.Filters;

/// <summary>
/// Filled by <see cref="FilterMatcher.Matches(MongoDB.Bson.BsonDocument, MatchDetails?)"/>: the position of the
/// array element that satisfied the filter, which the positional <c>$</c> operator of updates and projections uses.
/// </summary>
public sealed class MatchDetails
{
    public int? ArrayPosition { get; set; }
}
