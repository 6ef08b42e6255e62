using Ferry.Cli.Infrastructure;
using Ferry.Core.Configuration;
using Ferry.Core.Plans;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Spectre.Console;

namespace Ferry.Cli.Commands.Plans;

/// <summary><c>ferry run PLAN</c>: a whole migration as one plan run, rolled back automatically when a threshold is crossed.</summary>
public sealed class PlanRunCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<PlanRunSettings>(console)
{
    protected override async Task<int> RunAsync(PlanRunSettings settings, Output output, CancellationToken cancellationToken)
    {
        var plan = PlanParser.Load(settings.Plan);
        var uri = settings.Stores.Require(StoreOption.Uri, settings.Uri ?? plan.Uri);
        var database = settings.Stores.Require(StoreOption.Database, settings.Database ?? plan.Database).Value;
        await using var store = await stores.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        var result = await PlanProgressView.RunAsync(output, (progress, items) => new PlanRunner(store, new PlanRunOptions
        {
            DryRun = settings.DryRun,
            ResumeRunId = settings.Resume,
            Until = settings.Until,
            Time = FixedTimeProvider.FromEnvironment(),
            MigrationScripts = new Ferry.Scripting.Migrations.JintMigrationScriptRunner(),
            Lock = settings.LockOptions(),
            Progress = progress,
            ItemProgress = items,
        }).RunAsync(plan, database, cancellationToken)).ConfigureAwait(false);

        output.Json(result.ToBson());
        Render(output, result);
        return result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Render(Output output, PlanRunResult result)
    {
        var table = new Table().AddColumn("step").AddColumn("verb").AddColumn("status").AddColumn(new TableColumn("ms").RightAligned()).AddColumn("summary");
        foreach (var step in result.Steps)
        {
            var status = step["status"].AsString;
            var color = status switch { "completed" or "dry_run" => "green", "failed" or "would_fail" => "red", _ => "grey" };
            table.AddRow(Markup.Escape(step["name"].AsString), step["verb"].AsString, $"[{color}]{status}[/]",
                step.GetValue("duration_ms", MongoDB.Bson.BsonNull.Value) is { IsNumeric: true } ms ? $"{ms.ToInt64():N0}" : string.Empty,
                Markup.Escape(step.GetValue("summary", string.Empty).IsString ? step["summary"].AsString : string.Empty));
        }

        output.Render(table);
        if (result.DryRun)
        {
            output.Line("dry run: nothing was written (later steps saw the data as it is now, not as earlier steps would leave it)");
            return;
        }

        var line = $"plan run [bold]{result.RunId}[/] {result.Status}";
        if (result.Status == Ferry.Core.Runs.RunStatus.RollbackFailed)
        {
            output.Warning(Markup.Escape($"{line}: {result.Reason}"));
            output.Warning("THE ROLLBACK DID NOT VERIFY: the database is not as it was before the run; see the differences above and `ferry rollback " + result.RunId + "`");
            return;
        }

        output.Line(result.Reason is null ? line : $"{line}: {Markup.Escape(result.Reason)}");
    }
}
