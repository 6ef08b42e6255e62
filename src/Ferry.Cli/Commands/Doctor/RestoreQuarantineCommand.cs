using Ferry.Cli.Infrastructure;
using Ferry.Core.Time;
using Ferry.Core.Errors;
using Ferry.Core.Quarantine;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Doctor;

/// <summary><c>ferry doctor restore-quarantine --run ID</c>: put a run's quarantined documents back.</summary>
public sealed class RestoreQuarantineCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<RestoreQuarantineSettings>(console)
{
    protected override async Task<int> RunAsync(RestoreQuarantineSettings settings, Output output, CancellationToken cancellationToken)
    {
        var run = settings.Run!; // Validate() has required --run
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var quarantine = new QuarantineStore(store.GetDatabase(settings.ResolveDatabase()), FixedTimeProvider.FromEnvironment());
        if (!await quarantine.HasRunAsync(run, cancellationToken).ConfigureAwait(false))
        {
            throw new UserInputException($"--run {run}: that run quarantined nothing in {settings.ResolveDatabase()}.{QuarantineStore.CollectionName} (the run id is printed by the run that quarantined the documents)");
        }

        var result = await quarantine.RestoreAsync(run, settings.LockOptions(), cancellationToken).ConfigureAwait(false);
        output.Json(new BsonDocument { { "runId", run }, { "restored", result.Restored }, { "conflicts", new BsonArray(result.Conflicts) } });
        output.Line($"restored {result.Restored} document(s) of run {Markup.Escape(run)}");
        foreach (var conflict in result.Conflicts)
        {
            output.Line($"[yellow]kept in quarantine[/] (its _id exists again): {Markup.Escape(conflict)}");
        }

        return result.Conflicts.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
