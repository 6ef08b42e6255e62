using Ferry.Core.Migrations;
using Ferry.Core.Plans;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// The lifecycle as ONE plan run (<see cref="DemoPlan"/>, run by <see cref="PlanRunner"/> like <c>ferry run</c>):
/// journaled in the production database's <c>_ferry_runs</c> (kind <c>plan</c>) with a record per step and a child
/// run per verb, its baseline taken before the transform, and an automatic rollback to the backup when a step fails
/// or a threshold is crossed. A run that did not complete does not stop the demo: the report step still writes
/// what happened, and the demo's result says how the run ended.
/// </summary>
public sealed class PlanRunStep(IMigrationScriptRunner? migrationRunner) : IDemoStep
{
    public string Name => "plan";

    /// <summary>Why these options cannot run (an unknown <c>--fail-at</c> step), checked before the demo writes anything.</summary>
    public string? Refusal(DemoOptions options) => DemoPlan.CheckFailAt(options.FailAt, migrationRunner is not null);

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        await SampleRules.WriteAsync(context, SampleRules.DemoToProduction, cancellationToken).ConfigureAwait(false);
        await SampleRules.WriteAsync(context, SampleRules.ValidationProduction, cancellationToken).ConfigureAwait(false);
        if (migrationRunner is not null)
        {
            var migrations = Path.Combine(context.Options.FullDirectory, "migrations");
            SampleRules.WriteMigrations(migrations);
            context.AddLocation("migrations", migrations);
        }

        var plan = DemoPlan.Build(context.Options, migrationRunner is not null);
        var relay = new Relay(context, Name);
        var options = new PlanRunOptions
        {
            Time = new RunningClock(context.Options.Clock),
            MigrationScripts = migrationRunner,
            Progress = relay,
            ItemProgress = relay,
        };
        var result = await new PlanRunner(context.Store, options).RunAsync(plan, context.Options.ProductionDatabase, cancellationToken).ConfigureAwait(false);
        context.Plan = result;
        context.AddLocation("backups", plan.BackupRoot);
        context.AddLocation("production database", $"{context.Options.StoreUri} (database {context.Options.ProductionDatabase}; plan run {result.RunId} in _ferry_runs)");
        var steps = result.Steps.Count(s => s["status"].AsString == "completed");
        return result.Succeeded
            ? $"plan run {result.RunId} completed: {steps} of {result.Steps.Count} steps"
            : $"plan run {result.RunId} {result.Status}: {result.Reason}";
    }

    /// <summary>
    /// Each plan event as a step message, and documents done per collection as progress of the plan step running
    /// (named <c>plan STEP</c>, so its bars are not the seed's). Synchronous: lines stay in order.
    /// </summary>
    private sealed class Relay(DemoContext context, string name) : IProgress<PlanProgress>, IProgress<Core.Progress.ItemProgress>
    {
        private string? _step;

        public void Report(PlanProgress value)
        {
            _step = $"{name} {value.Step}";
            context.Report(name, $"{value.Step}: {value.Status}: {value.Message}");
        }

        public void Report(Core.Progress.ItemProgress value) => context.ReportCollection(_step ?? name, value.Item, value.Done, value.Total);
    }
}
