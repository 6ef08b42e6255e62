using Ferry.Cli.Infrastructure;
using Ferry.Core.Backup;
using Ferry.Core.Errors;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Backup;

/// <summary><c>ferry backup verify</c>: re-reads every file of a backup; exit 1 when anything is wrong.</summary>
public sealed class BackupVerifyCommand(IAnsiConsole console) : FerryCommand<BackupVerifySettings>(console)
{
    protected override async Task<int> RunAsync(BackupVerifySettings settings, Output output, CancellationToken cancellationToken)
    {
        var tag = settings.Tag ?? throw new UserInputException("--tag: say which backup to verify (see ferry backup list)");
        var report = await new BackupService().VerifyAsync(settings.Out, tag, cancellationToken).ConfigureAwait(false);
        output.Json(BackupJson.Report(report));
        foreach (var warning in report.Warnings)
        {
            output.Line("[yellow]warning:[/] " + Markup.Escape(warning));
        }

        if (report.Ok)
        {
            output.Line($"[green]backup {Markup.Escape(tag)} verifies[/]: {report.FilesChecked} file(s), {report.DocumentsChecked} document(s), {report.BytesChecked} bytes");
            return ExitCodes.Ok;
        }

        output.Line($"[red]backup {Markup.Escape(tag)} has {report.Problems.Count} problem(s):[/]");
        foreach (var problem in report.Problems)
        {
            output.Line("  " + Markup.Escape(problem.ToString()));
        }

        return ExitCodes.Failed;
    }
}

/// <summary>JSON shapes of backup results, shared by the verbs.</summary>
internal static class BackupJson
{
    public static BsonDocument Report(VerificationReport report) => new()
    {
        { "tag", report.Tag },
        { "ok", report.Ok },
        { "at", report.At.UtcDateTime },
        { "files", report.FilesChecked },
        { "documents", report.DocumentsChecked },
        { "bytes", report.BytesChecked },
        { "problems", new BsonArray(report.Problems.Select(p => new BsonDocument { { "file", p.File }, { "offset", p.Offset is { } o ? o : BsonNull.Value }, { "message", p.Message } })) },
        { "warnings", new BsonArray(report.Warnings) },
    };

    public static BsonDocument Entry(BackupEntry entry) => new()
    {
        { "tag", entry.Tag },
        { "created", entry.Manifest.Created.UtcDateTime },
        { "source", entry.Manifest.Source },
        { "emergency", entry.Manifest.Emergency },
        { "layout", entry.Manifest.Layout },
        { "databases", new BsonArray(entry.Manifest.Databases) },
        { "collections", entry.Manifest.Namespaces.Count },
        { "documents", entry.Manifest.DocumentCount },
        { "bytes", entry.Manifest.ByteCount },
        { "verified", entry.Verification is { } v ? v.Ok : BsonNull.Value },
        { "verifiedAt", entry.Verification is { } w ? w.At.UtcDateTime : BsonNull.Value },
        { "path", entry.Path },
        { "problem", entry.Problem is { } problem ? problem : BsonNull.Value },
    };
}
