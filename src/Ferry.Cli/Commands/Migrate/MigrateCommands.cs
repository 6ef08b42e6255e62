using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate status</c>: every migration with applied / pending / changed / missing-file / failed.</summary>
public sealed class MigrateStatusCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateStatusSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateStatusSettings settings, Output output, CancellationToken cancellationToken)
    {
        var report = await runner.StatusAsync(database, cancellationToken).ConfigureAwait(false);
        MigrationOutput.WriteStatus(output, report, pendingOnly: false);
        return (MigrationOutput.StatusJson(report), ExitCodes.Ok);
    }
}

/// <summary><c>ferry migrate pending</c>: only the migrations not applied yet.</summary>
public sealed class MigratePendingCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigratePendingSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigratePendingSettings settings, Output output, CancellationToken cancellationToken)
    {
        var report = await runner.StatusAsync(database, cancellationToken).ConfigureAwait(false);
        MigrationOutput.WriteStatus(output, report, pendingOnly: true);
        var json = MigrationOutput.StatusJson(report);
        json["migrations"] = new BsonArray(json["migrations"].AsBsonArray.Where(m => m["state"] is { } s && (s == "pending" || s == "failed")));
        return (json, ExitCodes.Ok);
    }
}

/// <summary><c>ferry migrate plan</c>: like pending, but exits 1 when anything is pending (a CI gate).</summary>
public sealed class MigratePlanCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigratePlanSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigratePlanSettings settings, Output output, CancellationToken cancellationToken)
    {
        var report = await runner.StatusAsync(database, cancellationToken).ConfigureAwait(false);
        MigrationOutput.WriteStatus(output, report, pendingOnly: true);
        return (MigrationOutput.StatusJson(report), report.Pending.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok);
    }
}

/// <summary><c>ferry migrate up</c>: applies pending migrations in order; exits 1 when one failed.</summary>
public sealed class MigrateUpCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateUpSettings>(console, stores)
{
    protected override MigrationRunner CreateRunner(MigrateUpSettings settings) =>
        MigrationSetup.Runner(settings, settings.NoBackup ? null : new StoreBackupBeforeMigration(new Core.Backup.BackupService(), settings.BackupDirectory));

    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateUpSettings settings, Output output, CancellationToken cancellationToken)
    {
        if (settings.ForceUnlock)
        {
            await ForceUnlockAsync(runner, database, output, cancellationToken).ConfigureAwait(false);
        }

        var result = await runner.UpAsync(database, new UpOptions
        {
            To = settings.To is null ? null : MigrationVersion.Parse(settings.To),
            Only = settings.Version is null ? null : MigrationVersion.Parse(settings.Version),
            DryRun = settings.DryRun,
            AllowChanged = settings.AllowChanged,
            AllowOutOfOrder = settings.AllowOutOfOrder,
            NoBackup = settings.NoBackup,
        }, cancellationToken).ConfigureAwait(false);
        return await SummarizeAsync(runner, database, result, output, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary><c>ferry migrate down --version V</c>: runs V's down part (and, with --cascade, every later one's first).</summary>
public sealed class MigrateDownCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateDownSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateDownSettings settings, Output output, CancellationToken cancellationToken)
    {
        var version = MigrationVersion.Parse(settings.Version ?? throw new Core.Errors.UserInputException("--version: which migration to roll back is required"));
        if (settings.ForceUnlock)
        {
            await ForceUnlockAsync(runner, database, output, cancellationToken).ConfigureAwait(false);
        }

        var result = await runner.DownAsync(database, new DownOptions(version) { Cascade = settings.Cascade, DryRun = settings.DryRun }, cancellationToken).ConfigureAwait(false);
        return await SummarizeAsync(runner, database, result, output, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary><c>ferry migrate baseline --to V</c>: adopts an existing database by recording migrations up to V as applied.</summary>
public sealed class MigrateBaselineCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateBaselineSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateBaselineSettings settings, Output output, CancellationToken cancellationToken)
    {
        var to = MigrationVersion.Parse(settings.To ?? throw new Core.Errors.UserInputException("--to: the version to baseline up to is required"));
        var result = await runner.BaselineAsync(database, to, cancellationToken).ConfigureAwait(false);
        output.Line($"{Markup.Escape(database.Name)}: baselined {result.Steps.Count} migration(s) up to {Markup.Escape(to.Text)}");
        return (MigrationOutput.RunJson(result), ExitCodes.Ok);
    }
}

/// <summary><c>ferry migrate mark --applied|--unapplied V</c>: edits the changelog without running anything.</summary>
public sealed class MigrateMarkCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateMarkSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateMarkSettings settings, Output output, CancellationToken cancellationToken)
    {
        var applied = settings.Applied is not null;
        var version = MigrationVersion.Parse(settings.Applied ?? settings.Unapplied!);
        var result = await runner.MarkAsync(database, version, applied, cancellationToken).ConfigureAwait(false);
        output.Line($"{Markup.Escape(database.Name)}: marked {Markup.Escape(version.Text)} {(applied ? "applied" : "unapplied")}");
        return (MigrationOutput.RunJson(result), ExitCodes.Ok);
    }
}

/// <summary><c>ferry migrate history</c>: the append-only history, newest first.</summary>
public sealed class MigrateHistoryCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateHistorySettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateHistorySettings settings, Output output, CancellationToken cancellationToken)
    {
        var events = await new MigrationHistory(database).ReadAsync(settings.Limit, cancellationToken).ConfigureAwait(false);
        var table = new Table().AddColumns("at", "run", "action", "version", "outcome", "ms", "by", "error");
        foreach (var e in events)
        {
            table.AddRow(
                e["at"].ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(e["runId"].AsString),
                Markup.Escape(e["action"].AsString),
                Markup.Escape(e["version"].IsString ? e["version"].AsString : string.Empty),
                Markup.Escape(e["outcome"].AsString),
                e["durationMs"].ToString() ?? string.Empty,
                Markup.Escape(e["by"].AsString),
                Markup.Escape(e.GetValue("error", string.Empty).ToString() ?? string.Empty));
        }

        output.Line($"[bold]{Markup.Escape(database.Name)}[/]: {events.Count} event(s)");
        output.Render(table);
        return (new BsonDocument { { "database", database.Name }, { "events", new BsonArray(events) } }, ExitCodes.Ok);
    }
}

/// <summary><c>ferry migrate create NAME</c>: writes a new migration file from the template.</summary>
public sealed class MigrateCreateCommand(IAnsiConsole console) : FerryCommand<MigrateCreateSettings>(console)
{
    protected override Task<int> RunAsync(MigrateCreateSettings settings, Output output, CancellationToken cancellationToken)
    {
        var path = MigrationScaffolder.Create(settings.Directory, settings.Name, TimeProvider.System, settings.Timestamp);
        output.Json(new BsonDocument { { "ok", true }, { "path", path } });
        output.Line($"created {Markup.Escape(path)}");
        return Task.FromResult(ExitCodes.Ok);
    }
}
