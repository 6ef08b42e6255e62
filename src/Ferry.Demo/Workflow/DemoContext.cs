using Ferry.Core.Storage;
using Ferry.Demo.Generation;

namespace Ferry.Demo.Workflow;

/// <summary>What the demo's steps share: the options, the open store and database, the generator, the summary
/// once known, and where things were written.</summary>
public sealed class DemoContext(DemoOptions options, IDocumentStore store, IProgress<DemoProgress>? progress)
{
    private readonly Dictionary<string, string> _locations = [];

    public DemoOptions Options { get; } = options;

    public IDocumentStore Store { get; } = store;

    public IDocumentDatabase Database { get; } = store.GetDatabase(options.Database);

    public InfraMindGenerator Generator { get; } = new(options.GeneratorOptions);

    /// <summary>True when an existing demo database was kept (<see cref="DemoOptions.Keep"/>) rather than re-seeded.</summary>
    public bool Kept { get; set; }

    /// <summary>The data set's summary: set by the seed step (generated, or read from a kept planted.json).</summary>
    public GenerationSummary? Summary { get; set; }

    /// <summary>Documents per collection as the store counts them after seeding.</summary>
    public Dictionary<string, long> StoreCounts { get; } = [];

    /// <summary>What was written where (label → path or URI), in the order written.</summary>
    public IReadOnlyDictionary<string, string> Locations => _locations;

    /// <summary>Validation reports by step name.</summary>
    public Dictionary<string, Core.Validation.ValidationReport> Validations { get; } = [];

    /// <summary>The lifecycle's plan run (its steps, how it ended, its rollback), once the plan step ran.</summary>
    public Core.Plans.PlanRunResult? Plan { get; set; }

    public void AddLocation(string label, string where) => _locations[label] = where;

    public void Report(string step, string message) => progress?.Report(new DemoProgress(step, message));

    public void ReportCollection(string step, string collection, long done, long total) =>
        progress?.Report(new DemoProgress(step, $"{collection}: {done}/{total}") { Collection = collection, Done = done, Total = total });
}
