using Ferry.Core.Reports;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// The walk's last step: the HTML report of the transform run (the page an engineering manager reads after a
/// production migration), written to <c>reports/RUN.html</c> in the demo folder.
/// </summary>
public sealed class ReportStep : IDemoStep
{
    /// <summary>The label of the report's path in <see cref="DemoContext.Locations"/>.</summary>
    public const string Location = "report";

    public string Name => "report";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        if (context.Transform is not { } transform)
        {
            return "no transform run to report";
        }

        var production = context.Store.GetDatabase(context.Options.ProductionDatabase);
        var report = await new RunReportBuilder(production, context.Options.Clock).BuildAsync(transform.RunId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(context.Options.FullDirectory, "reports", transform.RunId + ".html");
        await ReportFiles.WriteAsync(path, HtmlReport.Render(report), cancellationToken).ConfigureAwait(false);
        context.AddLocation(Location, path);
        return $"HTML report of run {transform.RunId}: {path}";
    }
}
