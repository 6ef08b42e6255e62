using Ferry.Demo.Generation;

namespace Ferry.Demo.Workflow;

/// <summary>Options of <see cref="DemoWorkflow"/>: where the demo lives, what to generate, and whether to start over.</summary>
public sealed record DemoOptions
{
    public const string DefaultDirectory = "ferry-demo";
    public const string DefaultDatabase = "inframind_demo";

    /// <summary>The demo folder (relative to the current directory unless rooted); the store lives in its <c>data/</c>.</summary>
    public string Directory { get; init; } = DefaultDirectory;

    public string Database { get; init; } = DefaultDatabase;

    /// <summary>Where the transform step writes the production-shaped data.</summary>
    public string ProductionDatabase { get; init; } = "inframind_prod";

    /// <summary>Users to generate (see <see cref="GeneratorOptions.Size"/>).</summary>
    public long Size { get; init; } = 1000;

    public int Seed { get; init; } = 42;

    /// <summary>Keep an existing demo database (and its planted.json) instead of dropping it and seeding afresh.</summary>
    public bool Keep { get; init; }

    /// <summary>Plant a failure at this step of the lifecycle's plan (<see cref="DemoPlan.StepNames"/>) to see the automatic rollback.</summary>
    public string? FailAt { get; init; }

    /// <summary>Documents per bulk insert.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>The generation clock; by default today at midnight UTC (see <see cref="StartOfDayClock"/>).</summary>
    public TimeProvider Clock { get; init; } = StartOfDayClock.Today;

    public string FullDirectory => Path.GetFullPath(Directory);

    public string DataDirectory => Path.Combine(FullDirectory, "data");

    /// <summary>The embedded store's URI: <c>file:&lt;dir&gt;/data</c>.</summary>
    public string StoreUri => "file:" + DataDirectory;

    public string PlantedFile => Path.Combine(FullDirectory, GenerationSummary.FileName);

    public GeneratorOptions GeneratorOptions => new() { Size = Size, Seed = Seed, Clock = Clock };
}
