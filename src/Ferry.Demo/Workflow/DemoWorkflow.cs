using System.Diagnostics;
using Ferry.Core.Storage;
using Ferry.Demo.Workflow.Steps;

namespace Ferry.Demo.Workflow;

/// <summary>
/// <c>ferry demo</c>: opens (creates) the embedded store in the demo folder and runs the demo's steps in order —
/// prepare (start over, or keep), seed (stream the generated data set in bulk batches), summary (planted.json,
/// store counts), validate-demo, the lifecycle's plan run and its report; a step is one small class.
/// </summary>
public sealed class DemoWorkflow(StoreRegistry stores, IReadOnlyList<IDemoStep>? steps = null)
{
    /// <summary>The demo's steps, in order.</summary>
    public static IReadOnlyList<IDemoStep> DefaultSteps => Lifecycle(null);

    /// <summary>Seeding only: prepare, seed, summary (for tests and benchmarks that need the data set alone).</summary>
    public static IReadOnlyList<IDemoStep> SeedSteps => [new PrepareStep(), new SeedStep(), new SummaryStep()];

    /// <summary>The whole walk: seed, validate the demo data, then the lifecycle as one plan run (backup, transform,
    /// with a script runner (Ferry.Scripting's) the guide's migrations 001/002 — Ferry.Core alone cannot run
    /// JavaScript —, validate, repair, validate again), then the plan run's report.</summary>
    public static IReadOnlyList<IDemoStep> Lifecycle(Core.Migrations.IMigrationScriptRunner? migrationRunner) =>
    [
        .. SeedSteps,
        new ValidateStep("validate-demo", SampleRules.Validation, production: false),
        new PlanRunStep(migrationRunner),
        new ReportStep(),
    ];

    public IReadOnlyList<IDemoStep> Steps { get; } = steps ?? DefaultSteps;

    public async Task<DemoResult> RunAsync(DemoOptions options, IProgress<DemoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.GeneratorOptions.Validate();
        if (Steps.OfType<PlanRunStep>().Select(s => s.Refusal(options)).FirstOrDefault(r => r is not null) is { } refusal)
        {
            throw new Core.Errors.UserInputException(refusal);
        }

        Directory.CreateDirectory(options.DataDirectory);
        var store = await stores.OpenAsync(options.StoreUri, cancellationToken).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            var context = new DemoContext(options, store, progress);
            context.AddLocation("demo folder", options.FullDirectory);
            context.AddLocation("store", $"{options.StoreUri} (database {options.Database})");
            var results = new List<DemoStepResult>();
            foreach (var step in Steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var outcome = await step.RunAsync(context, cancellationToken).ConfigureAwait(false);
                results.Add(new DemoStepResult(step.Name, outcome, clock.Elapsed));
            }

            var summary = context.Summary ?? throw new InvalidOperationException("no demo step produced the data set's summary");
            return new DemoResult(options.FullDirectory, options.StoreUri, options.Database, context.Kept, summary, context.StoreCounts, results, context.Locations) { Plan = context.Plan };
        }
    }
}
