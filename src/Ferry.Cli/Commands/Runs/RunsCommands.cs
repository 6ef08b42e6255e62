using Ferry.Cli.Infrastructure;
using Ferry.Core.Time;
using Ferry.Core.Errors;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Runs;

/// <summary><c>ferry runs list</c>: every run of a database, oldest first.</summary>
public sealed class RunsListCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<StoreSettings>(console)
{
    protected override async Task<int> RunAsync(StoreSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var runs = await new RunJournal(store.GetDatabase(settings.ResolveDatabase()), FixedTimeProvider.FromEnvironment()).ListAsync(cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);

        output.Json(new BsonDocument("runs", new BsonArray(runs.Select(r => new BsonDocument
        {
            { "id", r["_id"] }, { "kind", r["kind"] }, { "status", r["status"] }, { "started_at", r["started_at"] }, { "ended_at", r["ended_at"] }, { "collections", r["collections"] },
        }))));
        var table = new Table().AddColumn("run").AddColumn("kind").AddColumn("status").AddColumn("started").AddColumn("progress");
        foreach (var r in runs)
        {
            var progress = string.Join(", ", r["collections"].AsBsonDocument.Select(c => $"{c.Name} {c.Value.AsBsonDocument.GetValue("percentage", 0)}%"));
            table.AddRow(r["_id"].AsString, r["kind"].AsString, r["status"].AsString, r["started_at"].ToUniversalTime().ToString("u"), Markup.Escape(progress));
        }

        output.Render(table);
        return ExitCodes.Ok;
    }
}

/// <summary><c>ferry runs show RUN</c>: one run's journal document, as redacted by the journal.</summary>
public sealed class RunsShowCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<RunSettings>(console)
{
    protected override async Task<int> RunAsync(RunSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var run = await new RunJournal(store.GetDatabase(settings.ResolveDatabase()), FixedTimeProvider.FromEnvironment()).GetAsync(settings.Run, cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException($"no run '{settings.Run}' in {settings.ResolveDatabase()}._ferry_runs (see ferry runs list)");
        output.Json(run);
        output.Line(Markup.Escape(run.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { Indent = true, OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson })));
        return ExitCodes.Ok;
    }
}

/// <summary><c>ferry runs stop RUN</c>: the emergency stop flag; workers finish their batch and stop.</summary>
public sealed class RunsStopCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<RunSettings>(console)
{
    protected override async Task<int> RunAsync(RunSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        await new RunJournal(store.GetDatabase(settings.ResolveDatabase()), FixedTimeProvider.FromEnvironment()).RequestStopAsync(settings.Run, cancellationToken).ConfigureAwait(false);
        output.Json(new BsonDocument { { "run", settings.Run }, { "stopRequested", true } });
        output.Line($"stop requested for {Markup.Escape(settings.Run)}: it abandons its current batch and stops within seconds (ferry runs show {Markup.Escape(settings.Run)} says when)");
        return ExitCodes.Ok;
    }
}
