using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>What a run did with one target collection.</summary>
public sealed record CollectionOutcome(string Target, string Source, long Processed, long Written, long Quarantined, double DocumentsPerSecond)
{
    public BsonDocument ToBson() => new()
    {
        { "target", Target },
        { "source", Source },
        { "processed", Processed },
        { "written", Written },
        { "quarantined", Quarantined },
        { "documentsPerSecond", Math.Round(DocumentsPerSecond, 1) },
    };
}
