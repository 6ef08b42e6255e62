using Ferry.Core.Reports;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// The walk's last step: the HTML report of the plan run (the page an engineering manager reads after a production
/// migration: every step, its child runs, the backup and, when it happened, the rollback), written to
/// <c>reports/RUN.html</c> in the demo folder — also when the run was rolled back — and beside it the report of the
/// plan's transform run (its throughput and per-collection charts).
/// </summary>
public sealed class ReportStep : IDemoStep
{
    /// <summary>The label of the report's path in <see cref="DemoContext.Locations"/>.</summary>
    public const string Location = "report";

    /// <summary>The label of the transform run's report.</summary>
    public const string TransformLocation = "transform report";

    public string Name => "report";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        if (context.Plan is not { } plan)
        {
            return "no plan run to report";
        }

        var path = await WriteAsync(context, plan.RunId, cancellationToken).ConfigureAwait(false);
        context.AddLocation(Location, path);
        var transform = plan.Steps.FirstOrDefault(s => s["name"] == DemoPlan.Transform)?.GetValue("child_run_id", MongoDB.Bson.BsonNull.Value);
        if (transform is MongoDB.Bson.BsonString transformRun)
        {
            context.AddLocation(TransformLocation, await WriteAsync(context, transformRun.Value, cancellationToken).ConfigureAwait(false));
        }

        return $"HTML report of plan run {plan.RunId}: {path}";
    }

    private static async Task<string> WriteAsync(DemoContext context, string runId, CancellationToken cancellationToken)
    {
        var production = context.Store.GetDatabase(context.Options.ProductionDatabase);
        var backups = Path.Combine(context.Options.FullDirectory, "backups");
        var report = await new RunReportBuilder(production, context.Options.Clock).BuildAsync(runId, backups, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(context.Options.FullDirectory, "reports", runId + ".html");
        await ReportFiles.WriteAsync(path, HtmlReport.Render(report), cancellationToken).ConfigureAwait(false);
        return path;
    }
}
