using Ferry.Cli.Infrastructure;
using Ferry.Core.Time;
using Ferry.Core.Backup;
using Spectre.Console;

namespace Ferry.Cli.Commands.Backup;

/// <summary><c>ferry backup last-good</c>: the newest backup that verifies now; exit 1 when none does.</summary>
public sealed class BackupLastGoodCommand(IAnsiConsole console) : FerryCommand<BackupRootSettings>(console)
{
    protected override async Task<int> RunAsync(BackupRootSettings settings, Output output, CancellationToken cancellationToken)
    {
        var found = await new BackupService(FixedTimeProvider.FromEnvironment()).LastGoodAsync(settings.Out, cancellationToken).ConfigureAwait(false);
        output.Json(BackupEntry.LastGoodToBson(found?.Entry));
        if (found is not { } good)
        {
            output.Line($"[red]no backup in {Markup.Escape(Path.GetFullPath(settings.Out))} verifies[/]");
            return ExitCodes.Failed;
        }

        output.Line($"[green]{Markup.Escape(good.Entry.Tag)}[/] (created {good.Entry.Manifest.Created:yyyy-MM-dd HH:mm:ss}, {good.Entry.Manifest.DocumentCount} documents) verifies");
        return ExitCodes.Ok;
    }
}
