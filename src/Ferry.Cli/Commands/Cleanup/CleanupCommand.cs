using Ferry.Cli.Infrastructure;
using Ferry.Core.Cleanup;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using Spectre.Console;

namespace Ferry.Cli.Commands.Cleanup;

/// <summary>
/// <c>ferry cleanup</c>: lists what would go (the dry-run view) and, with --confirm, removes it. Without --confirm or
/// --dry-run it lists and exits 1, so a script cannot mistake the listing for a cleanup.
/// </summary>
public sealed class CleanupCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<CleanupSettings>(console)
{
    protected override async Task<int> RunAsync(CleanupSettings settings, Output output, CancellationToken cancellationToken)
    {
        var rules = settings.Demo ? TransformRulesParser.Load(settings.Rules!) : null;
        var options = new CleanupOptions
        {
            OlderThan = settings.Age,
            BackupRoot = settings.BackupRoot,
            BackupsKeep = settings.BackupsKeep,
            DemoMarkers = rules?.DemoMarkers,
            DemoCascade = rules is null ? new DemoCascade([]) : DemoCascade.From(rules),
            LockOptions = settings.LockOptions(),
        };
        var time = FixedTimeProvider.FromEnvironment();
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var database = settings.ResolveDatabase();
        var planned = new CleanupResult(await new CleanupPlanner(store, database, time).PlanAsync(options, cancellationToken).ConfigureAwait(false), Applied: false);
        output.Render(Table(planned));
        if (!settings.Confirm)
        {
            output.Json(planned.ToBson());
            output.Line(planned.ToRemove.Any()
                ? $"{planned.ToRemove.Count()} item(s) would be removed; nothing was removed{(settings.DryRun ? string.Empty : " — pass --confirm to remove them")}"
                : "nothing to clean up");
            return settings.DryRun || !planned.ToRemove.Any() ? ExitCodes.Ok : ExitCodes.Failed;
        }

        var done = await new CleanupRunner(store, database, time).ApplyAsync(options, cancellationToken).ConfigureAwait(false);
        output.Json(done.ToBson());
        foreach (var tag in done.SafetyBackups)
        {
            output.Line($"verified backup taken first: [bold]{Markup.Escape(tag)}[/] in {Markup.Escape(settings.BackupRoot)}");
        }

        output.Line($"removed {done.ToRemove.Count()} item(s)");
        return ExitCodes.Ok;
    }

    private static Table Table(CleanupResult result)
    {
        var table = new Table().AddColumn("kind").AddColumn("what").AddColumn(new TableColumn("count/bytes").RightAligned()).AddColumn("action");
        foreach (var item in result.Items)
        {
            table.AddRow(
                item.Kind,
                Markup.Escape(item.Target),
                item.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                item.Removed ? (item.HoldsUserData ? "remove (after a verified backup)" : "remove") : "[green]keep[/]: " + Markup.Escape(item.KeptBecause!));
        }

        return table;
    }
}
