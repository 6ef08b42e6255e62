using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>One step of a migration plan: the verb it runs with its options, its estimated duration and how the
/// estimate was obtained; per-collection estimates for steps that touch documents.</summary>
public sealed record PlanStep(string Name, string Verb, double Seconds, string Basis)
{
    public BsonDocument Options { get; init; } = [];

    public IReadOnlyList<CollectionEstimate> Collections { get; init; } = [];

    public BsonDocument ToBson() => new()
    {
        { "name", Name },
        { "verb", Verb },
        { "seconds", Math.Round(Seconds, 2) },
        { "basis", Basis },
        { "options", Options },
        { "collections", new BsonArray(Collections.Select(c => c.ToBson())) },
    };
}

/// <summary>A collection's share of a step: its documents, the sample timed, and the extrapolated seconds.</summary>
public sealed record CollectionEstimate(string Collection, long Documents, long Sampled, double Seconds)
{
    public BsonDocument ToBson() => new() { { "collection", Collection }, { "documents", Documents }, { "sampled", Sampled }, { "seconds", Math.Round(Seconds, 3) } };
}
