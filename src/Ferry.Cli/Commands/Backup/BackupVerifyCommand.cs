using Ferry.Cli.Infrastructure;
using Ferry.Core.Time;
using Ferry.Core.Backup;
using Spectre.Console;

namespace Ferry.Cli.Commands.Backup;

/// <summary><c>ferry backup verify</c>: re-reads every file of a backup; exit 1 when anything is wrong.</summary>
public sealed class BackupVerifyCommand(IAnsiConsole console) : FerryCommand<BackupVerifySettings>(console)
{
    protected override async Task<int> RunAsync(BackupVerifySettings settings, Output output, CancellationToken cancellationToken)
    {
        var tag = settings.Tag!;
        var report = await new BackupService(FixedTimeProvider.FromEnvironment()).VerifyAsync(settings.Out, tag, cancellationToken).ConfigureAwait(false);
        output.Json(report.ToBson());
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
