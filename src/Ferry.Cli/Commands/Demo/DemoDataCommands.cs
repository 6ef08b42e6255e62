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
        var database = store.GetDatabase(settings.ResolveDatabase());
        var remover = new DemoDataRemover(FixedTimeProvider.FromEnvironment());
        var found = await remover.IdentifyAsync(database, rules.DemoMarkers, cancellationToken: cancellationToken).ConfigureAwait(false);
        var cascaded = await remover.CountCascadeAsync(database, rules.DemoMarkers, DemoCascade.From(rules), cancellationToken).ConfigureAwait(false);
        var document = DemoDataFound.ToBsonDocument(found);
        document["cascaded"] = new MongoDB.Bson.BsonArray(cascaded.Select(c => new MongoDB.Bson.BsonDocument { { "collection", c.Key }, { "count", c.Value } }));
        output.Json(document);
        var table = new Table().AddColumn("collection").AddColumn(new TableColumn("demo documents").RightAligned()).AddColumn("marker");
        foreach (var f in found)
        {
            table.AddRow(f.Collection, $"{f.Count:N0}", Markup.Escape(f.Marker.ToString()));
        }

        foreach (var (collection, count) in cascaded)
        {
            table.AddRow(collection, $"{count:N0}", "references demo data (removed with it)");
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
        var removal = await new DemoDataRemover(FixedTimeProvider.FromEnvironment()).RemoveAsync(store, settings.ResolveDatabase(), rules.DemoMarkers, DemoCascade.From(rules), settings.BackupRoot, settings.LockOptions(), cancellationToken).ConfigureAwait(false);
        output.Json(removal.ToBsonDocument());
        foreach (var f in removal.Removed)
        {
            output.Line($"removed {f.Count:N0} demo document(s) from {Markup.Escape(f.Collection)}");
        }

        foreach (var (collection, count) in removal.Cascaded)
        {
            output.Line($"removed {count:N0} document(s) referencing demo data from {Markup.Escape(collection)}");
        }

        output.Line($"verified backup taken first: [bold]{Markup.Escape(removal.BackupTag)}[/] in {Markup.Escape(removal.BackupFolder)} (undo: ferry backup restore --tag {Markup.Escape(removal.BackupTag)} …)");
        return ExitCodes.Ok;
    }
}
