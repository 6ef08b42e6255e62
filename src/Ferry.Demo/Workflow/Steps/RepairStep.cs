using Ferry.Core.Doctor;
using Ferry.Core.Validation.Rules;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// <c>ferry doctor integrity --fix</c> on the production database: duplicate users the transform carried over are
/// merged into their oldest twin (references re-pointed), orphans quarantined — nothing deleted without a copy.
/// </summary>
public sealed class RepairStep : IDemoStep
{
    public string Name => "repair";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        var rules = RuleSetParser.Load(Path.Combine(context.Options.FullDirectory, SampleRules.ValidationProduction));
        var report = await new IntegrityDoctor(new DoctorOptions { Fix = true, Time = context.Options.Clock })
            .RunAsync(context.Store.GetDatabase(context.Options.ProductionDatabase), rules, cancellationToken).ConfigureAwait(false);
        var counts = string.Join(", ", report.Findings.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {g.Key}"));
        return report.Clean ? "no integrity problems" : $"{counts}; undo with: ferry doctor restore-quarantine --run {report.RunId}";
    }
}
