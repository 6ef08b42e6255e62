using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

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
        return (MigrationHistory.ToBson(database.Name, events), ExitCodes.Ok);
    }
}
