using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// The guide's Phase 2: transforms the demo database into <see cref="DemoOptions.ProductionDatabase"/> with
/// demo-to-prod.yaml, as a journaled run. The demo lowers the bcrypt cost to 6 so it finishes in seconds; the rules
/// file it writes out keeps the production cost.
/// </summary>
public sealed class TransformStep : IDemoStep
{
    public string Name => "transform";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        var rulesPath = await SampleRules.WriteAsync(context, SampleRules.DemoToProduction, cancellationToken).ConfigureAwait(false);
        var rules = TransformRulesParser.Load(rulesPath);
        rules = rules with { Hashing = rules.Hashing with { Cost = Math.Min(rules.Hashing.Cost, 6) } };
        var target = context.Store.GetDatabase(context.Options.ProductionDatabase);
        await context.Store.DropDatabaseAsync(context.Options.ProductionDatabase, cancellationToken).ConfigureAwait(false);

        var progress = new Progress<Core.Progress.ItemProgress>(p => context.ReportCollection(Name, p.Item, p.Done, p.Total));
        var result = await new TransformEngine(new TransformOptions { Time = new RunningClock(context.Options.Clock), Progress = progress })
            .RunAsync(context.Database, target, rules, cancellationToken).ConfigureAwait(false);
        context.Transform = result;
        context.AddLocation("production database", $"{context.Options.StoreUri} (database {context.Options.ProductionDatabase}; run {result.RunId} in _ferry_runs)");
        var written = result.Collections.Sum(c => c.Written);
        var quarantined = result.Collections.Sum(c => c.Quarantined);
        return $"run {result.RunId}: {written} documents written to {context.Options.ProductionDatabase}, {quarantined} quarantined with their reasons";
    }
}
