using Ferry.Cli.Infrastructure;
using Ferry.Core.Schema;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Spectre.Console;

namespace Ferry.Cli.Commands.Schema;

/// <summary>
/// <c>ferry schema diff FILE</c>: what would change to make the store match the declared schema. Exit 0 when it
/// matches, 1 when it differs (a CI drift check), 2 for bad input. <c>--emit-migration NAME</c> also writes the
/// difference as a versioned migration.
/// </summary>
public sealed class SchemaDiffCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<SchemaDiffSettings>(console)
{
    protected override async Task<int> RunAsync(SchemaDiffSettings settings, Output output, CancellationToken cancellationToken)
    {
        var schema = SchemaFile.Load(settings.File); // read before connecting: a bad file touches nothing
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var database = store.GetDatabase(settings.ResolveDatabase());
        var changes = await new SchemaDiffer(database).DiffAsync(schema, cancellationToken).ConfigureAwait(false);
        var result = new SchemaResult(database.Name, settings.File, changes);
        if (settings.EmitMigration is { } name && changes.Count > 0)
        {
            result = result with { MigrationFile = SchemaMigrationWriter.Write(settings.Directory, name, changes, FixedTimeProvider.FromEnvironment()).Path };
        }

        output.Json(result.ToBson());
        SchemaChangesView.Render(output, result);
        output.Line(result.InSync
            ? $"{Markup.Escape(database.Name)} matches {Markup.Escape(settings.File)}"
            : $"{changes.Count} change(s) to match {Markup.Escape(settings.File)} ({changes.Count(c => c.Destructive)} destructive)"
              + (result.MigrationFile is { } file ? $"; migration written to {Markup.Escape(file)}" : string.Empty));
        return result.InSync ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

/// <summary>
/// <c>ferry schema apply FILE</c>: make the store match, idempotently. Destructive changes need --allow-drop and run
/// after a verified backup; without it they are refused (exit 2) before anything is written.
/// </summary>
public sealed class SchemaApplyCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<SchemaApplySettings>(console)
{
    protected override async Task<int> RunAsync(SchemaApplySettings settings, Output output, CancellationToken cancellationToken)
    {
        var schema = SchemaFile.Load(settings.File);
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var database = store.GetDatabase(settings.ResolveDatabase());
        var result = await new SchemaApplier(store, database, new SchemaApplyOptions
        {
            AllowDrop = settings.AllowDrop,
            DryRun = settings.DryRun,
            BackupRoot = settings.Backups,
            Time = FixedTimeProvider.FromEnvironment(),
            Lock = settings.LockOptions(),
        }).ApplyAsync(schema, cancellationToken).ConfigureAwait(false);

        output.Json(result.ToBson());
        SchemaChangesView.Render(output, result);
        output.Line(result.InSync ? $"{Markup.Escape(database.Name)} already matches {Markup.Escape(settings.File)}; nothing changed"
            : result.DryRun ? $"dry run: {result.Changes.Count} change(s) would be made; nothing written"
            : $"applied {result.Changes.Count} change(s) (run {result.RunId}{(result.BackupTag is { } tag ? $"; backup {tag} taken and verified first" : string.Empty)})");
        return ExitCodes.Ok;
    }
}
