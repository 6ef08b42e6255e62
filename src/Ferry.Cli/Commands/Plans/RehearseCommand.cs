using Ferry.Cli.Infrastructure;
using Ferry.Core.Configuration;
using Ferry.Core.Plans;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Spectre.Console;

namespace Ferry.Cli.Commands.Plans;

/// <summary><c>ferry rehearse PLAN --from-backup TAG|PATH</c>: the whole plan on a restored copy, never on the real store.</summary>
public sealed class RehearseCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<RehearseSettings>(console)
{
    protected override async Task<int> RunAsync(RehearseSettings settings, Output output, CancellationToken cancellationToken)
    {
        var plan = PlanParser.Load(settings.Plan);
        var database = settings.Stores.Require(StoreOption.Database, settings.Database ?? plan.Database).Value;
        var realUri = settings.Stores.Find(StoreOption.Uri, settings.Uri ?? plan.Uri)?.Value;
        var result = await PlanProgressView.RunAsync(output, (progress, items) => new PlanRehearsal(stores, new PlanRehearsalOptions
        {
            FromBackup = settings.FromBackup!,
            WithHooks = settings.WithHooks,
            Keep = settings.Keep,
            RealStoreUri = realUri,
            Time = FixedTimeProvider.FromEnvironment(),
            MigrationScripts = new Ferry.Scripting.Migrations.JintMigrationScriptRunner(),
            Progress = progress,
            ItemProgress = items,
        }).RunAsync(plan, database, cancellationToken)).ConfigureAwait(false);

        output.Json(result.ToBson());
        Render(output, result);
        return result.WouldSucceed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Render(Output output, PlanRehearsalResult result)
    {
        var table = new Table().AddColumn("step").AddColumn("verb").AddColumn("status")
            .AddColumn(new TableColumn("ms").RightAligned()).AddColumn(new TableColumn("estimated ms").RightAligned()).AddColumn("summary");
        foreach (var step in result.Steps)
        {
            var color = step.Status switch { "completed" => "green", "failed" => "red", _ => "grey" };
            table.AddRow(Markup.Escape(step.Name), step.Verb, $"[{color}]{step.Status}[/]",
                step.DurationMs is { } d ? $"{d:N0}" : string.Empty, step.EstimatedMs is { } e ? $"{e:N0}" : string.Empty,
                Markup.Escape(step.Summary ?? string.Empty));
        }

        output.Render(table);
        foreach (var validation in result.Validation)
        {
            output.Line(Markup.Escape($"validation {validation.Name}: {(validation.Status == "completed" ? "passed" : validation.Status)}: {validation.Summary}"));
        }

        if (result.KeptStore is { } kept)
        {
            output.Line(Markup.Escape($"the rehearsal store is kept in {kept} (uri file:{Path.Combine(kept, "data")})"));
        }

        var line = Markup.Escape($"rehearsal of {result.Backup}: {result.Describe()}");
        if (result.WouldSucceed)
        {
            output.Line(line);
        }
        else
        {
            output.Warning(line);
        }
    }
}
