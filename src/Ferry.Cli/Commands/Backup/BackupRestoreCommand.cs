using Ferry.Cli.Infrastructure;
using Ferry.Core.Time;
using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
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
        await using var store = await stores.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        var since = Report.AutoReport.Now();
        var result = await BackupConsoleProgress.RunAsync(output, "restored", progress => new BackupService(FixedTimeProvider.FromEnvironment()).RestoreAsync(store, options, progress, cancellationToken)).ConfigureAwait(false);
        output.Json(result.ToBson());
        if (result.Failure is null)
        {
            Render(output, result);
        }

        if (!settings.DryRun && (settings.ToDatabase ?? settings.Database) is { } journaled)
        {
            await Report.AutoReport.WriteAsync(settings, output, store.GetDatabase(journaled), null, since, cancellationToken).ConfigureAwait(false);
        }

        return ResultExit.Of(output, result.Ok, result.Failure?.Message);
    }

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

        output.Line(result.Namespaces.Count > 0 && result.Namespaces.All(n => n.Action == "complete")
            ? $"restore already complete (run {Markup.Escape(result.RunId ?? "?")}); nothing was written"
            : result.DryRun
            ? $"dry run: {result.Namespaces.Count} namespace(s) would be restored; nothing was written"
            : result.Ok
                ? $"[green]restored[/] {result.Documents} document(s) in {result.Namespaces.Count} namespace(s); counts match"
                : "[red]restore finished with problems[/] (see above)");
    }
}
