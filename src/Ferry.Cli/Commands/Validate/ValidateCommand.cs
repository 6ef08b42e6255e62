using Ferry.Cli.Infrastructure;
using Ferry.Core.Time;
using Ferry.Core.Storage;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using Spectre.Console;

namespace Ferry.Cli.Commands.Validate;

/// <summary><c>ferry validate</c>: run a rules file against a database; exit 1 when any rule fails.</summary>
public sealed class ValidateCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<ValidateSettings>(console)
{
    protected override async Task<int> RunAsync(ValidateSettings settings, Output output, CancellationToken cancellationToken)
    {
        var rules = RuleSetParser.Load(settings.Rules!); // Validate() has required --rules or validation: in ferry.yaml
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var db = store.GetDatabase(settings.ResolveDatabase());

        string? runId = null;
        var report = await ProgressDisplay.RunAsync(output, "validating", async progress =>
        {
            var options = new ValidationOptions { SampleSize = settings.Samples, Progress = progress, Time = FixedTimeProvider.FromEnvironment() };
            if (settings.NoJournal)
            {
                return await new DataValidator(options).ValidateAsync(db, rules, cancellationToken).ConfigureAwait(false);
            }

            (var journaled, runId) = await ValidationRun.RunAsync(db, rules, settings.Rules, options, cancellationToken).ConfigureAwait(false);
            return journaled;
        }).ConfigureAwait(false);

        var json = report.ToBson();
        if (runId is not null)
        {
            json.InsertAt(0, new MongoDB.Bson.BsonElement("run_id", runId));
        }

        output.Json(json);
        ValidationReportView.Render(output, report);
        if (runId is not null)
        {
            output.Line($"run {runId} (ferry report {runId})");
        }

        return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
