using Ferry.Cli.Infrastructure;
using Ferry.Core.Reports;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Report;

/// <summary>
/// Writes a run's report at the end of a data-changing verb when <c>--report DIR</c> (or <c>report:</c> in
/// ferry.yaml) asks for it. A verb that knows its run id passes it; otherwise the newest run the verb started in the
/// database (started at or after <c>since</c>) is the one reported, so a verb that journals its runs reports them
/// without more code here.
/// </summary>
public static class AutoReport
{
    /// <summary>The folder reports go to: --report, else report: in ferry.yaml, else null (no report).</summary>
    public static string? Directory<TSettings>(TSettings settings)
        where TSettings : FerrySettings, IReportSettings => settings.Report ?? settings.Config.ReportDirectory;

    /// <summary>The time verbs compare run start times with: the journal's clock, to the millisecond BSON keeps.</summary>
    public static DateTime Now()
    {
        var now = FixedTimeProvider.FromEnvironment().GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    public static async Task WriteAsync<TSettings>(TSettings settings, Output output, IDocumentDatabase database, string? runId, DateTime since, CancellationToken cancellationToken)
        where TSettings : FerrySettings, IReportSettings
    {
        if (Directory(settings) is not { } directory)
        {
            return;
        }

        runId ??= await NewestSinceAsync(database, since, cancellationToken).ConfigureAwait(false);
        if (runId is null)
        {
            output.Warning(Markup.Escape($"--report {directory}: this run wrote no journal entry in {database.Name}._ferry_runs, so there is no report to write"));
            return;
        }

        var report = await new RunReportBuilder(database, FixedTimeProvider.FromEnvironment())
            .BuildAsync(runId, settings.Config.BackupsDirectory, cancellationToken).ConfigureAwait(false);
        var paths = await ReportFiles.WriteAllAsync(report, directory, cancellationToken).ConfigureAwait(false);
        output.Line(Markup.Escape($"report: {string.Join(", ", paths)}"));
    }

    private static async Task<string?> NewestSinceAsync(IDocumentDatabase database, DateTime since, CancellationToken cancellationToken)
    {
        string? newest = null;
        await foreach (var run in new Core.Runs.RunJournal(database).ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (run.GetValue("parent_run_id", BsonNull.Value).IsBsonNull && run["started_at"] is BsonDateTime started && started.ToUniversalTime() >= since)
            {
                newest = run["_id"].AsString;
            }
        }

        return newest;
    }
}
