using Ferry.Cli.Infrastructure;
using Ferry.Core.Assessment;
using Ferry.Core.Configuration;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Ferry.Core.Transform.Rules;
using Ferry.Scripting.Migrations;
using Spectre.Console;

namespace Ferry.Cli.Commands.Assess;

/// <summary><c>ferry plan</c>: a migration plan with measured time estimates, resources and a maintenance window (see <see cref="MigrationEstimator"/>).</summary>
public sealed class PlanCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<PlanSettings>(console)
{
    protected override async Task<int> RunAsync(PlanSettings settings, Output output, CancellationToken cancellationToken)
    {
        OutputFiles.CheckWritable("--plan-file", settings.PlanFile);
        var rules = settings.Rules is null ? null : TransformRulesParser.Load(settings.Rules);
        var analysis = settings.Analysis is null ? null : DatabaseAnalysis.Load(settings.Analysis);

        // The analysis names its store; an embedded store's URI holds no secret, so it can be reopened from there.
        var uri = settings.Stores.Find(StoreOption.Uri, settings.Uri) ?? (analysis is null ? settings.ResolveUri() : ResolvedSetting.FromCommandLine("--analysis", analysis.Store));
        var databaseName = settings.Stores.Find(StoreOption.Database, settings.Database)?.Value ?? analysis?.Database ?? settings.ResolveDatabase();
        await using var store = await stores.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        var database = store.GetDatabase(databaseName);
        var time = FixedTimeProvider.FromEnvironment();
        analysis ??= await new DataAnalyzer(new AnalyzeOptions { SampleSize = 200 }, time).AnalyzeAsync(database, cancellationToken).ConfigureAwait(false);

        var pending = settings.Migrations is { } folder && Directory.Exists(folder)
            ? (await new MigrationRunner(new ScriptMigrationSource(folder, new JintMigrationScriptRunner(time: time))).StatusAsync(database, cancellationToken).ConfigureAwait(false)).Pending.Count
            : 0;
        var options = new PlanOptions
        {
            Type = settings.Type!,
            SampleSize = settings.SampleSize,
            TransformRules = rules,
            RulesPath = settings.Rules is null ? null : Path.GetFullPath(settings.Rules),
            ValidationRulesPath = settings.Config.ValidationRules,
            MigrationsDirectory = settings.Migrations,
            PendingMigrations = pending,
            Time = time,
        };
        var plan = await new MigrationEstimator(options).EstimateAsync(database, analysis, cancellationToken).ConfigureAwait(false);

        if (settings.PlanFile is not null)
        {
            await OutputFiles.WriteAsync(settings.PlanFile, PlanFile.ToYaml(plan, uri.Value), cancellationToken).ConfigureAwait(false);
        }

        output.Json(plan.ToBson());
        PlanView.Render(output, plan);
        return ExitCodes.Ok;
    }
}
