using Ferry.Cli.Infrastructure;
using Ferry.Core.Time;
using Ferry.Core.Storage;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using Spectre.Console;

namespace Ferry.Cli.Commands.Demo;

/// <summary><c>ferry demo identify</c>: count the demo documents the rules' demo_markers find.</summary>
public sealed class DemoIdentifyCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<DemoDataSettings>(console)
{
    protected override async Task<int> RunAsync(DemoDataSettings settings, Output output, CancellationToken cancellationToken)
    {
        var rules = TransformRulesParser.Load(settings.Rules!); // Validate() has required --rules
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var found = await new DemoDataRemover(FixedTimeProvider.FromEnvironment()).IdentifyAsync(store.GetDatabase(settings.ResolveDatabase()), rules.DemoMarkers, cancellationToken: cancellationToken).ConfigureAwait(false);
        output.Json(DemoDataFound.ToBsonDocument(found));
        var table = new Table().AddColumn("collection").AddColumn(new TableColumn("demo documents").RightAligned()).AddColumn("marker");
        foreach (var f in found)
        {
            table.AddRow(f.Collection, $"{f.Count:N0}", Markup.Escape(f.Marker.ToString()));
        }

        output.Render(table);
        output.Line("remove them with: ferry demo remove --confirm (a verified backup is taken first)");
        return ExitCodes.Ok;
    }
}

/// <summary><c>ferry demo remove --confirm</c>: back up, verify, then delete the demo documents.</summary>
public sealed class DemoRemoveCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<DemoRemoveSettings>(console)
{
    protected override async Task<int> RunAsync(DemoRemoveSettings settings, Output output, CancellationToken cancellationToken)
    {
        var rules = TransformRulesParser.Load(settings.Rules!); // Validate() has required --rules and --confirm

        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var removal = await new DemoDataRemover(FixedTimeProvider.FromEnvironment()).RemoveAsync(store, settings.ResolveDatabase(), rules.DemoMarkers, settings.BackupRoot, settings.LockOptions(), cancellationToken).ConfigureAwait(false);
        output.Json(removal.ToBsonDocument());
        foreach (var f in removal.Removed)
        {
            output.Line($"removed {f.Count:N0} demo document(s) from {Markup.Escape(f.Collection)}");
        }

        output.Line($"verified backup taken first: [bold]{Markup.Escape(removal.BackupTag)}[/] in {Markup.Escape(removal.BackupFolder)} (undo: ferry backup restore --tag {Markup.Escape(removal.BackupTag)} …)");
        return ExitCodes.Ok;
    }
}
