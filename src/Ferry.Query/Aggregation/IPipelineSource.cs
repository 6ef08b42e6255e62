using MongoDB.Bson;

namespace Ferry.Query.Aggregation;

/// <summary>What a pipeline reads besides its input: other collections of the same database ($lookup, $unionWith).</summary>
public interface IPipelineSource
{
    IAsyncEnumerable<BsonDocument> ReadCollectionAsync(string collection, CancellationToken cancellationToken = default);
}
