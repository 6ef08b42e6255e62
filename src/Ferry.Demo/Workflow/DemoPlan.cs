using Ferry.Core.Errors;
using Ferry.Core.Hooks;
using Ferry.Core.Plans;

namespace Ferry.Demo.Workflow;

/// <summary>
/// The demo's lifecycle as one plan (the same run <c>ferry run</c> makes of a plan file, built here in code): back up
/// the production database, transform the demo data into it, apply the schema migrations, validate it (a report:
/// the planted defects are still there), repair it, validate it again (now it must hold). <see cref="DemoOptions.FailAt"/>
/// plants a failure at one step so the demo shows the automatic rollback to the backup.
/// </summary>
public static class DemoPlan
{
    public const string Backup = "backup-prod";
    public const string Transform = "transform";
    public const string Migrate = "migrate";
    public const string ValidateBeforeRepair = "validate-prod";
    public const string Repair = "repair";
    public const string ValidateAfterRepair = "validate-prod-after-repair";

    /// <summary>The name of the failing hook step <c>--fail-at STEP</c> inserts after STEP (for every step but the transform).</summary>
    public const string PlantedFailure = "planted-failure";

    /// <summary>The plan's step names in order (the values <c>--fail-at</c> accepts).</summary>
    public static IReadOnlyList<string> StepNames(bool withMigrations) =>
        [Backup, Transform, .. withMigrations ? [Migrate] : Array.Empty<string>(), ValidateBeforeRepair, Repair, ValidateAfterRepair];

    /// <summary>One line for a <c>--fail-at</c> value that is not a step of the plan.</summary>
    public static string? CheckFailAt(string? failAt, bool withMigrations) =>
        failAt is null || StepNames(withMigrations).Contains(failAt, StringComparer.Ordinal)
            ? null
            : $"--fail-at {failAt}: expected one of the demo plan's steps: {string.Join(", ", StepNames(withMigrations))}";

    /// <summary>
    /// The plan. Its rules and migrations are the sample files the demo wrote into its folder; its backups go to
    /// <c>backups/</c> there. A planted failure at the transform sets the error-rate threshold to 0 (the planted
    /// orphans are quarantined, so the transform crosses it at once); at any other step a failing hook step follows it.
    /// </summary>
    public static Plan Build(DemoOptions options, bool withMigrations)
    {
        if (CheckFailAt(options.FailAt, withMigrations) is { } bad)
        {
            throw new UserInputException(bad);
        }

        var folder = options.FullDirectory;
        string Here(string name) => Path.Combine(folder, name);
        var here = Here("demo");
        var steps = new List<PlanStep>
        {
            new(Backup, PlanVerbs.Backup, here) { Tag = "demo-prod-before-{run}" },
            new(Transform, PlanVerbs.Transform, here)
            {
                Rules = Here(SampleRules.DemoToProduction),
                SourceDatabase = options.Database,
                BatchSize = Math.Max(1, options.BatchSize),

                // The demo finishes in seconds with a bcrypt cost of 6; the rules file it writes out keeps the production cost.
                PasswordHashCost = 6,
            },
        };
        if (withMigrations)
        {
            steps.Add(new(Migrate, PlanVerbs.Migrate, here) { Migrations = Here("migrations") });
        }

        steps.Add(new(ValidateBeforeRepair, PlanVerbs.Validate, here) { Rules = Here(SampleRules.ValidationProduction), ReportOnly = true });
        steps.Add(new(Repair, PlanVerbs.Doctor, here) { Rules = Here(SampleRules.ValidationProduction), Fix = true });
        steps.Add(new(ValidateAfterRepair, PlanVerbs.Validate, here) { Rules = Here(SampleRules.ValidationProduction) });

        var thresholds = new PlanThresholds();
        if (options.FailAt == Transform)
        {
            thresholds = thresholds with { ErrorRate = 0, MinimumProcessed = 1 };
        }
        else if (options.FailAt is { } failAt)
        {
            var failing = new HookCommand(PlantedFailure) { Shell = $"echo 'planted failure after step {failAt} (ferry demo --fail-at {failAt})' >&2; exit 1", WorkingDirectory = folder };
            steps.Insert(steps.FindIndex(s => s.Name == failAt) + 1, new(PlantedFailure, PlanVerbs.Hook, here) { Command = failing });
        }

        return new Plan(Here("ferry demo (plan built in code)"), steps)
        {
            Database = options.ProductionDatabase,
            BackupRoot = Here("backups"),
            Thresholds = thresholds,
            Description = "ferry demo: the Infra Mind demo data to production, migrated, repaired and validated, as one plan run",
        };
    }
}
