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

        var report = await ProgressDisplay.RunAsync(output, "validating", progress =>
            new DataValidator(new ValidationOptions { SampleSize = settings.Samples, Progress = progress, Time = FixedTimeProvider.FromEnvironment() }).ValidateAsync(db, rules, cancellationToken)).ConfigureAwait(false);

        output.Json(report.ToBson());
        ValidationReportView.Render(output, report);
        return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
