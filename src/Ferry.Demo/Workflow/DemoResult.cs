using Ferry.Demo.Generation;
using MongoDB.Bson;

namespace Ferry.Demo.Workflow;

/// <summary>What <see cref="DemoWorkflow.RunAsync"/> did: each step's outcome, the data set's summary (with the
/// exact planted defects), the store's own counts, and where everything lives.</summary>
public sealed record DemoResult(
    string Directory,
    string StoreUri,
    string Database,
    bool Kept,
    GenerationSummary Summary,
    IReadOnlyDictionary<string, long> StoreCounts,
    IReadOnlyList<DemoStepResult> Steps,
    IReadOnlyDictionary<string, string> Locations)
{
    /// <summary>The lifecycle's plan run (null when the demo only seeded).</summary>
    public Core.Plans.PlanRunResult? Plan { get; init; }

    /// <summary>The demo completed: its plan run (if any) completed.</summary>
    public bool Succeeded => Plan?.Succeeded ?? true;

    public BsonDocument ToBsonDocument() => new()
    {
        { "ok", Succeeded },
        { "directory", Directory },
        { "store_uri", StoreUri },
        { "database", Database },
        { "kept", Kept },
        { "steps", new BsonArray(Steps.Select(s => s.ToBsonDocument())) },
        { "plan", Plan?.ToBson() ?? (BsonValue)BsonNull.Value },
        { "store_counts", new BsonDocument(StoreCounts.Select(p => new BsonElement(p.Key, p.Value))) },
        { "locations", new BsonDocument(Locations.Select(p => new BsonElement(p.Key, p.Value))) },
        { "summary", Summary.ToBsonDocument() },
    };
}

/// <summary>One step's name, one-line outcome and duration.</summary>
public sealed record DemoStepResult(string Name, string Outcome, TimeSpan Duration)
{
    public BsonDocument ToBsonDocument() => new()
    {
        { "name", Name },
        { "outcome", Outcome },
        { "milliseconds", (long)Duration.TotalMilliseconds },
    };
}
