using Ferry.Cli.Infrastructure;
using Ferry.Core.Errors;
using Ferry.Core.Reports;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Report;

/// <summary>
/// <c>ferry report RUN|--last</c>: a run's report as JSON, Markdown or one self-contained HTML page, to standard output
/// or --out FILE. Exit 0 when the run succeeded, 1 when it failed, stopped, rolled back or is still running, 2 for
/// bad input (no such run).
/// </summary>
public sealed class ReportCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<ReportSettings>(console)
{
    protected override async Task<int> RunAsync(ReportSettings settings, Output output, CancellationToken cancellationToken)
    {
        var format = settings.ResolveFormat();
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var database = store.GetDatabase(settings.ResolveDatabase());
        var builder = new RunReportBuilder(database, FixedTimeProvider.FromEnvironment());
        var runId = settings.Run ?? await builder.LastRunIdAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException($"--last: no run in {database.Name}._ferry_runs");
        var report = await builder.BuildAsync(runId, settings.BackupRoot ?? settings.Config.BackupsDirectory, cancellationToken).ConfigureAwait(false);
        var text = ReportFormats.Render(report, format);
        var path = settings.Out is null ? null : Path.GetFullPath(settings.Out);
        if (path is not null)
        {
            await ReportFiles.WriteAsync(path, text, cancellationToken).ConfigureAwait(false);
        }

        output.Json(new BsonDocument
        {
            { "runId", report.MigrationId },
            { "status", report.Status },
            { "outcome", report.Outcome },
            { "headline", report.Headline },
            { "format", ReportFormats.Name(format) },
            { "out", (BsonValue?)path ?? BsonNull.Value },
            { "report", report.ToBson() },
        });
        if (path is not null)
        {
            output.Line(Markup.Escape($"{report.Headline}\nreport written to {path}"));
        }
        else if (!output.IsJson)
        {
            // The report itself is the output: written as is, never through markup.
            Console.Profile.Out.Writer.Write(text);
        }

        return report.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
