using Ferry.Cli.Commands.Report;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using Spectre.Console;

namespace Ferry.Cli.Commands.Transform;

/// <summary><c>ferry transform</c>: demo → production per the rules, as a journaled, resumable run.</summary>
public sealed class TransformCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<TransformSettings>(console)
{
    protected override async Task<int> RunAsync(TransformSettings settings, Output output, CancellationToken cancellationToken)
    {
        // Validate() has refused a missing --rules, --source-db or --target-db, and a target that is the source.
        var rules = TransformRulesParser.Load(settings.Rules!);
        var sourceUri = settings.ResolveSourceUri();
        var sourceDb = settings.SourceDb!;
        var targetDb = settings.TargetDb!;
        var targetUri = settings.ResolveTargetUri(sourceUri);

        await using var sourceStore = await stores.OpenAsync(sourceUri, cancellationToken).ConfigureAwait(false);
        await using var targetStore = targetUri.Value == sourceUri.Value ? null : await stores.OpenAsync(targetUri, cancellationToken).ConfigureAwait(false);
        var options = new TransformOptions
        {
            DryRun = settings.DryRun,
            ResumeRunId = settings.Resume,
            BatchSize = settings.BatchSize,
            Partitions = settings.Partitions ?? Math.Max(1, Environment.ProcessorCount),
            Time = FixedTimeProvider.FromEnvironment(),
            Lock = settings.LockOptions(),
        };

        var target = (targetStore ?? sourceStore).GetDatabase(targetDb);
        var since = AutoReport.Now();
        TransformResult result;
        try
        {
            result = await ProgressDisplay.RunAsync(output, "transforming", progress =>
                new TransformEngine(options with { Progress = progress })
                    .RunAsync(sourceStore.GetDatabase(sourceDb), target, rules, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not Core.Errors.UserInputException && !settings.DryRun && AutoReport.Directory(settings) is not null)
        {
            // A failed run is the one most worth a report: written before the error is reported.
            await AutoReport.WriteAsync(settings, output, target, null, since, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        output.Json(result.ToBson());
        Render(output, result);
        if (!settings.DryRun)
        {
            await AutoReport.WriteAsync(settings, output, target, result.RunId, since, cancellationToken).ConfigureAwait(false);
        }

        return result.Status == Ferry.Core.Runs.RunStatus.Stopped
            ? ResultExit.Of(output, false, $"transform run {result.RunId} stopped on request (the batch in progress was abandoned); resume with: ferry transform --resume {result.RunId} (same --rules, --source-db, --target-db)")
            : result.Status is "completed" or "dry_run" ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Render(Output output, TransformResult result)
    {
        if (result.LockNotice is not null)
        {
            output.Warning(Markup.Escape(result.LockNotice));
        }

        var table = new Table().AddColumn("target").AddColumn("source").AddColumn(new TableColumn("processed").RightAligned())
            .AddColumn(new TableColumn(result.DryRun ? "would write" : "written").RightAligned()).AddColumn(new TableColumn(result.DryRun ? "would quarantine" : "quarantined").RightAligned())
            .AddColumn(new TableColumn("docs/s").RightAligned());
        foreach (var c in result.Collections)
        {
            table.AddRow(c.Target, c.Source, $"{c.Processed:N0}", $"{c.Written:N0}", c.Quarantined == 0 ? "0" : $"[yellow]{c.Quarantined:N0}[/]", $"{c.DocumentsPerSecond:N0}");
        }

        output.Render(table);
        foreach (var sample in result.Samples)
        {
            output.Line($"[bold]{sample.Collection}[/] before: {Markup.Escape(sample.Before.ToString())}");
            output.Line(sample.After is not null ? $"  after: {Markup.Escape(sample.After.ToString())}" : $"  [yellow]quarantined[/]: {Markup.Escape(sample.Failure ?? string.Empty)}");
        }

        output.Line(result.DryRun ? "dry run: nothing was written"
            : $"run [bold]{result.RunId}[/] {result.Status} in {result.Duration.TotalSeconds:N1} s (journal: _ferry_runs; quarantine: _ferry_quarantine; id map: _ferry_idmap)");
    }
}
