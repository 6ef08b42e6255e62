using Ferry.Core.Reports;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// The walk's last step: the HTML report of the plan run (the page an engineering manager reads after a production
/// migration: every step, its child runs, the backup and, when it happened, the rollback), written to
/// <c>reports/RUN.html</c> in the demo folder — also when the run was rolled back.
/// </summary>
public sealed class ReportStep : IDemoStep
{
    /// <summary>The label of the report's path in <see cref="DemoContext.Locations"/>.</summary>
    public const string Location = "report";

    public string Name => "report";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        if (context.Plan is not { } plan)
        {
            return "no plan run to report";
        }

        var production = context.Store.GetDatabase(context.Options.ProductionDatabase);
        var backups = Path.Combine(context.Options.FullDirectory, "backups");
        var report = await new RunReportBuilder(production, context.Options.Clock).BuildAsync(plan.RunId, backups, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(context.Options.FullDirectory, "reports", plan.RunId + ".html");
        await ReportFiles.WriteAsync(path, HtmlReport.Render(report), cancellationToken).ConfigureAwait(false);
        context.AddLocation(Location, path);
        return $"HTML report of plan run {plan.RunId}: {path}";
    }
}
