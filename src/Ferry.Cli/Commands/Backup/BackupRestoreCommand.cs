using Ferry.Cli.Infrastructure;
using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Backup;

/// <summary><c>ferry backup restore</c>: a tagged backup or any mongodump output into a store; exit 1 when counts disagree or it fails half-way.</summary>
public sealed class BackupRestoreCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<BackupRestoreSettings>(console)
{
    protected override async Task<int> RunAsync(BackupRestoreSettings settings, Output output, CancellationToken cancellationToken)
    {
        var uri = settings.ResolveUri();
        var options = new RestoreOptions
        {
            Tag = settings.Tag,
            FromPath = settings.From,
            BackupRoot = settings.Out,
            Database = settings.Database,
            ToDatabase = settings.ToDatabase,
            Drop = settings.Drop,
            NsInclude = settings.NsInclude,
            NsExclude = settings.NsExclude,
            Parallel = settings.Parallel,
            DryRun = settings.DryRun,
            Upsert = settings.Upsert,
            Resume = settings.Resume,
            OplogReplay = settings.OplogReplay,
            Lock = settings.LockOptions(),
        };
        if (options.Tag is null && options.FromPath is null)
        {
            throw new UserInputException("--tag or --from: say which backup (a tag) or dump (a mongodump folder or archive) to restore");
        }

        await using var store = await stores.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        RestoreResult result;
        try
        {
            result = await BackupConsoleProgress.RunAsync(output, "restored", progress => new BackupService().RestoreAsync(store, options, progress, cancellationToken)).ConfigureAwait(false);
        }
        catch (RestoreFailedException e)
        {
            output.Json(new BsonDocument { { "ok", false }, { "error", Ferry.Core.Storage.UriRedactor.RedactText(e.Message) }, { "failed", e.FailedNamespace }, { "restored", new BsonArray(e.Restored) } });
            ErrorReporter.WriteError(output.ErrorConsole, e.Message);
            return ExitCodes.Failed;
        }

        output.Json(new BsonDocument
        {
            { "ok", result.Ok },
            { "dryRun", result.DryRun },
            { "source", result.Source },
            { "target", result.Target },
            { "documents", result.Documents },
            { "namespaces", new BsonArray(result.Namespaces.Select(Namespace)) },
            { "warnings", new BsonArray(result.Warnings) },
        });
        Render(output, result);
        return result.Ok ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static BsonDocument Namespace(RestoredNamespace n) => new()
    {
        { "source", n.Source },
        { "target", n.Target },
        { "action", n.Action },
        { "documents", n.Documents },
        { "expected", n.Expected is { } e ? e : BsonNull.Value },
        { "targetCount", n.TargetCount is { } c ? c : BsonNull.Value },
        { "indexes", n.IndexesCreated },
        { "failedWrites", n.FailedWrites },
        { "problems", new BsonArray(n.Problems) },
    };

    private static void Render(Output output, RestoreResult result)
    {
        var table = new Table().AddColumns("source", "target", "action", result.DryRun ? "expected" : "documents", "indexes", "status");
        foreach (var n in result.Namespaces)
        {
            var count = result.DryRun ? n.Expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?" : n.Documents.ToString(System.Globalization.CultureInfo.InvariantCulture);
            table.AddRow(Markup.Escape(n.Source), Markup.Escape(n.Target), Markup.Escape(n.Action), count, n.IndexesCreated.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Ok ? "[green]ok[/]" : "[red]" + Markup.Escape(string.Join("; ", n.Problems)) + "[/]");
        }

        output.Render(table);
        foreach (var warning in result.Warnings)
        {
            output.Warning(Markup.Escape(warning));
        }

        output.Line(result.DryRun
            ? $"dry run: {result.Namespaces.Count} namespace(s) would be restored; nothing was written"
            : result.Ok
                ? $"[green]restored[/] {result.Documents} document(s) in {result.Namespaces.Count} namespace(s); counts match"
                : "[red]restore finished with problems[/] (see above)");
    }
}
