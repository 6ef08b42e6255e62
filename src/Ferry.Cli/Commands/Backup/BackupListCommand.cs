using Ferry.Cli.Infrastructure;
using Ferry.Core.Time;
using Ferry.Core.Backup;
using Spectre.Console;

namespace Ferry.Cli.Commands.Backup;

/// <summary><c>ferry backup list</c>: every complete backup, newest first, with its last verification (a backup whose manifest cannot be read is listed as failed, with the reason).</summary>
public sealed class BackupListCommand(IAnsiConsole console) : FerryCommand<BackupRootSettings>(console)
{
    protected override async Task<int> RunAsync(BackupRootSettings settings, Output output, CancellationToken cancellationToken)
    {
        var entries = await new BackupService(FixedTimeProvider.FromEnvironment()).ListAsync(settings.Out, cancellationToken).ConfigureAwait(false);
        output.Json(BackupEntry.ListToBson(entries));
        if (entries.Count == 0)
        {
            output.Line($"no backups in {Markup.Escape(Path.GetFullPath(settings.Out))}");
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("tag", "created", "source", "databases", "collections", "documents", "bytes", "verified");
        foreach (var e in entries)
        {
            var verified = e.Problem is not null ? "[red]FAILED[/] manifest unreadable: " + Markup.Escape(e.Problem) : e.Verification switch
            {
                null => "[grey]no[/]",
                { Ok: true } v => $"[green]yes[/] {v.At:yyyy-MM-dd HH:mm}",
                { } v => $"[red]FAILED[/] {v.At:yyyy-MM-dd HH:mm}",
            };
            table.AddRow(
                Markup.Escape(e.Tag) + (e.Manifest.Emergency ? " [yellow](emergency)[/]" : string.Empty),
                e.Manifest.Created.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(e.Manifest.Source),
                Markup.Escape(string.Join(", ", e.Manifest.Databases)),
                e.Manifest.Namespaces.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                e.Manifest.DocumentCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                e.Manifest.ByteCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                verified);
        }

        output.Render(table);
        return ExitCodes.Ok;
    }
}
