using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using Ferry.Demo.Generation;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// Runs a validation rules file against a demo database and writes the report beside the data. On the demo
/// database it also checks that validation found exactly the defects the generator planted — the demo proves
/// its own numbers.
/// </summary>
public sealed class ValidateStep(string name, string rulesFile, bool production) : IDemoStep
{
    public string Name => name;

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        var rulesPath = await SampleRules.WriteAsync(context, rulesFile, cancellationToken).ConfigureAwait(false);
        var rules = RuleSetParser.Load(rulesPath);
        var database = production ? context.Options.ProductionDatabase : context.Options.Database;
        var db = context.Store.GetDatabase(database);
        var report = await new DataValidator(new ValidationOptions { Time = context.Options.Clock }).ValidateAsync(db, rules, cancellationToken).ConfigureAwait(false);

        var reportPath = Path.Combine(context.Options.FullDirectory, $"{name}.json");
        await File.WriteAllTextAsync(reportPath, report.ToBson().ToJson(new JsonWriterSettings { Indent = true, OutputMode = JsonOutputMode.RelaxedExtendedJson }), cancellationToken).ConfigureAwait(false);
        context.AddLocation($"{name} report", reportPath);
        context.Validations[name] = report;

        var outcome = report.Passed
            ? $"{database}: all rules hold on {report.Checked} documents"
            : $"{database}: {report.FailedRules} rule(s) failed on {report.Invalid} of {report.Checked} documents";
        if (!production && context.Summary is { } summary)
        {
            var found = report.Invalid;
            var planted = PlantedInChecked(summary.Defects);
            outcome += found == planted ? $" — exactly the {planted} planted defects" : $" — but {planted} were planted: CHECK";
            if (found != planted)
            {
                throw new InvalidOperationException($"validation found {found} invalid documents but the generator planted {planted}; see {reportPath}");
            }
        }

        context.Report(Name, outcome);
        return outcome;
    }

    /// <summary>Defects in the collections the demo rules check (one defect per document by construction).</summary>
    private static long PlantedInChecked(PlantedDefects d) =>
        d.UpperCaseEmails + d.DuplicateEmailExtraDocuments + d.UsersMissingName + d.UsersCreatedInFuture
        + d.AssessmentsMissingName + d.EmptyBusinessRequirements + d.InvalidStatuses + d.AssessmentsCreatedInFuture + d.OrphanedAssessments
        + d.OrphanedReports + d.OrphanedWorkflowStates;
}
