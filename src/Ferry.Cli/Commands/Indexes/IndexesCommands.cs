using Ferry.Cli.Infrastructure;
using Ferry.Core.Indexes;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Spectre.Console;

namespace Ferry.Cli.Commands.Indexes;

/// <summary><c>ferry indexes list</c>: every index with its key, properties, size and usage counter.</summary>
public sealed class IndexesListCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<IndexesSettings>(console)
{
    protected override async Task<int> RunAsync(IndexesSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var entries = await new IndexCatalog(store.GetDatabase(settings.ResolveDatabase())).ListAsync(settings.Collections, cancellationToken).ConfigureAwait(false);
        output.Json(IndexCatalog.ToBson("list", entries));
        output.Render(IndexesTable.Of(entries));
        return ExitCodes.Ok;
    }
}

/// <summary><c>ferry indexes usage</c>: the same rows, most used first ($indexStats on MongoDB; the embedded store's counters).</summary>
public sealed class IndexesUsageCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<IndexesSettings>(console)
{
    protected override async Task<int> RunAsync(IndexesSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var entries = (await new IndexCatalog(store.GetDatabase(settings.ResolveDatabase())).ListAsync(settings.Collections, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(e => e.Operations ?? -1).ThenBy(e => e.Collection, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        output.Json(IndexCatalog.ToBson("usage", entries));
        output.Render(IndexesTable.Of(entries));
        return ExitCodes.Ok;
    }
}

/// <summary><c>ferry indexes unused</c>: indexes with no access (excluding _id_ and unique ones); exit 1 when there are any.</summary>
public sealed class IndexesUnusedCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<IndexesUnusedSettings>(console)
{
    protected override async Task<int> RunAsync(IndexesUnusedSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var unused = await new IndexCatalog(store.GetDatabase(settings.ResolveDatabase())).UnusedAsync(settings.SinceDate, settings.Collections, cancellationToken).ConfigureAwait(false);
        output.Json(IndexCatalog.ToBson("unused", unused));
        output.Render(IndexesTable.Of(unused));
        output.Line(unused.Count == 0 ? "no unused indexes" : $"{unused.Count} unused index(es); drop one with: ferry indexes drop NAME --collection C --confirm (recreate with ferry indexes apply --recreate NAME)");
        return unused.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

/// <summary><c>ferry indexes apply FILE | --recreate NAME</c>: creates what is missing, timing each build.</summary>
public sealed class IndexesApplyCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<IndexesApplySettings>(console)
{
    protected override async Task<int> RunAsync(IndexesApplySettings settings, Output output, CancellationToken cancellationToken)
    {
        var declared = settings.File is { } file ? IndexDeclarationFile.Load(file) : null; // read before connecting: a bad file writes nothing
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var database = store.GetDatabase(settings.ResolveDatabase());
        declared ??= await Dropped(database, settings, cancellationToken).ConfigureAwait(false);
        if (settings.Collections.Count > 0)
        {
            declared = declared.Where(d => settings.Collections.Contains(d.Collection)).ToList();
        }

        var result = await new IndexApplier(database).ApplyAsync(declared, cancellationToken).ConfigureAwait(false);
        output.Json(result.ToBson());
        var table = new Table().AddColumn("collection").AddColumn("index").AddColumn("status").AddColumn(new TableColumn("build time").RightAligned());
        foreach (var i in result.Indexes)
        {
            table.AddRow(Markup.Escape(i.Collection), Markup.Escape(i.Name), i.Status, i.Status == AppliedIndex.Created ? $"{i.BuildTime.TotalMilliseconds:N0} ms" : "-");
        }

        output.Render(table);
        output.Line($"{result.Created} created, {result.Indexes.Count - result.Created} already there");
        return ExitCodes.Ok;
    }

    private static async Task<IReadOnlyList<IndexDeclaration>> Dropped(IDocumentDatabase database, IndexesApplySettings settings, CancellationToken cancellationToken)
    {
        var found = await new DroppedIndexes(database).FindAsync(settings.Recreate!, (settings.Collections.Count > 0 ? settings.Collections[0] : null), cancellationToken).ConfigureAwait(false);
        return found.Count switch
        {
            0 => throw new Ferry.Core.Errors.UserInputException($"--recreate {settings.Recreate}: no dropped index of that name is recorded in {DroppedIndexes.CollectionName}"),
            1 => found,
            _ => throw new Ferry.Core.Errors.UserInputException($"--recreate {settings.Recreate}: dropped from {string.Join(", ", found.Select(f => f.Collection))}; say which with --collection"),
        };
    }
}

/// <summary><c>ferry indexes drop NAME [--confirm]</c>: without --confirm, shows the definition and exits 1 (nothing dropped).</summary>
public sealed class IndexesDropCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<IndexesDropSettings>(console)
{
    protected override async Task<int> RunAsync(IndexesDropSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var dropper = new IndexDropper(store.GetDatabase(settings.ResolveDatabase()), FixedTimeProvider.FromEnvironment());
        var index = await dropper.FindAsync(settings.Name, (settings.Collections.Count > 0 ? settings.Collections[0] : null), cancellationToken).ConfigureAwait(false);
        if (settings.Confirm)
        {
            await dropper.DropAsync(index, cancellationToken).ConfigureAwait(false);
        }

        output.Json(new MongoDB.Bson.BsonDocument { { "dropped", settings.Confirm }, { "index", index.ToBson() }, { "recorded_in", DroppedIndexes.CollectionName } });
        output.Render(IndexesTable.Of([index]));
        if (!settings.Confirm)
        {
            output.Line($"would drop {Markup.Escape(index.Name)} on {Markup.Escape(index.Collection)}{(index.IsUnique ? " [yellow](unique: it enforces uniqueness)[/]" : string.Empty)}; nothing dropped — pass --confirm to drop it");
            return ExitCodes.Failed;
        }

        output.Line($"dropped {Markup.Escape(index.Name)} on {Markup.Escape(index.Collection)}; its definition is in {DroppedIndexes.CollectionName} (bring it back: ferry indexes apply --recreate {Markup.Escape(index.Name)} --collection {Markup.Escape(index.Collection)})");
        return ExitCodes.Ok;
    }
}

/// <summary><c>ferry indexes optimize</c>: REINDEX/ANALYZE/VACUUM (embedded) or compact (MongoDB), with the space reclaimed.</summary>
public sealed class IndexesOptimizeCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<IndexesSettings>(console)
{
    protected override async Task<int> RunAsync(IndexesSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var result = await new IndexOptimizer(store.GetDatabase(settings.ResolveDatabase())).OptimizeAsync(settings.Collections, cancellationToken).ConfigureAwait(false);
        output.Json(result.ToBson());
        output.Line($"ran {Markup.Escape(string.Join(", ", result.Steps))}{(result.WholeDatabase && settings.Collections.Count > 0 ? " (the embedded store optimises its whole file; --collection does not narrow it)" : string.Empty)}");
        output.Line($"size {IndexesTable.Bytes(result.BytesBefore)} → {IndexesTable.Bytes(result.BytesAfter)}, reclaimed {IndexesTable.Bytes(result.BytesReclaimed)}");
        return ExitCodes.Ok;
    }
}
