using Ferry.Cli.Infrastructure;
using Ferry.Demo.Generation;
using Ferry.Demo.Workflow;
using Spectre.Console;

namespace Ferry.Cli.Commands.Demo;

/// <summary>The human summary of a demo run: documents and planted defects per collection, and where everything lives.</summary>
internal static class DemoReport
{
    public static void Render(Output output, DemoResult result)
    {
        var summary = result.Summary;
        var table = new Table().Title($"Infra Mind demo data (seed {summary.Seed}, size {summary.Size})")
            .AddColumn("collection").AddColumn(new TableColumn("documents").RightAligned())
            .AddColumn(new TableColumn("defects").RightAligned()).AddColumn("planted");
        foreach (var name in InfraMindCollections.All)
        {
            table.AddRow(
                name,
                result.StoreCounts.GetValueOrDefault(name).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                summary.Defects.InCollection(name).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(Describe(name, summary.Defects)));
        }

        output.Render(table);
        var steps = new Table().Title("The lifecycle, step by step").AddColumn("step").AddColumn(new TableColumn("seconds").RightAligned()).AddColumn("outcome");
        foreach (var step in result.Steps)
        {
            steps.AddRow(step.Name, step.Duration.TotalSeconds.ToString("N1", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(step.Outcome));
        }

        output.Render(steps);
        if (result.Plan is { } plan)
        {
            RenderPlan(output, plan);
        }

        var where = new Grid().AddColumn().AddColumn();
        foreach (var (label, location) in result.Locations)
        {
            where.AddRow(Markup.Escape(label), Markup.Escape(location));
        }

        output.Line(!result.Succeeded ? "[red]Demo plan run did not complete (see above).[/] Written:"
            : result.Kept ? "[yellow]Kept the existing demo database (--keep).[/] Written:" : "[green]Demo complete.[/] Written:");
        output.Render(where);
        output.Line(Markup.Escape($"Try: ferry export --uri {result.StoreUri} --db {result.Database} --collection users"));
    }

    /// <summary>The plan run's steps (status, child run, summary) and, when it did not complete, how it ended.</summary>
    private static void RenderPlan(Output output, Ferry.Core.Plans.PlanRunResult plan)
    {
        var table = new Table().Title(Markup.Escape($"Plan run {plan.RunId}: {plan.Status}")).AddColumn("plan step").AddColumn("status").AddColumn("run").AddColumn("summary");
        foreach (var step in plan.Steps)
        {
            var child = step.GetValue("child_run_id", MongoDB.Bson.BsonNull.Value);
            var summary = step.GetValue("summary", MongoDB.Bson.BsonNull.Value);
            table.AddRow(Markup.Escape(step["name"].AsString), Markup.Escape(step["status"].AsString), Markup.Escape(child.IsBsonNull ? string.Empty : child.AsString), Markup.Escape(summary.IsBsonNull ? string.Empty : summary.AsString));
        }

        output.Render(table);
        if (!plan.Succeeded)
        {
            output.Line(Markup.Escape($"plan run {plan.RunId} {plan.Status}: {plan.Reason}"));
        }
    }

    private static string Describe(string collection, PlantedDefects d) => string.Join('\n', Lines(collection, d));

    private static IEnumerable<string> Lines(string collection, PlantedDefects d) => collection switch
    {
        InfraMindCollections.Users =>
        [
            $"{d.UpperCaseEmails} upper-case e-mails",
            $"{d.DuplicateEmailExtraDocuments} duplicate e-mails ({d.DuplicateEmailGroups} groups)",
            $"{d.UsersMissingName} without name",
            $"{d.UsersCreatedInFuture} created in the future",
            $"demo markers: {d.ExampleDomainUsers} @example.com, {d.DemoFlaggedUsers} is_demo: true ({d.DemoUsers} users)",
        ],
        InfraMindCollections.Assessments =>
        [
            $"{d.OrphanedAssessments} orphaned (user missing)",
            $"{d.AssessmentsMissingName} without name",
            $"{d.EmptyBusinessRequirements} empty business requirements",
            $"{d.InvalidStatuses} invalid status",
            $"{d.AssessmentsCreatedInFuture} created in the future",
        ],
        InfraMindCollections.Reports => [$"{d.OrphanedReports} orphaned (assessment missing)"],
        InfraMindCollections.WorkflowStates => [$"{d.OrphanedWorkflowStates} orphaned (assessment missing)"],
        InfraMindCollections.Configuration => ["the demo configuration (is_demo: true)"],
        _ => ["none"],
    };
}
