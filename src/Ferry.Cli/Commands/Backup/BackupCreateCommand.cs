using Ferry.Cli.Infrastructure;
using Ferry.Core.Time;
using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Spectre.Console;

namespace Ferry.Cli.Commands.Backup;

/// <summary><c>ferry backup create</c>: streams the chosen databases into a tagged, verified-able backup.</summary>
public sealed class BackupCreateCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<BackupCreateSettings>(console)
{
    protected override async Task<int> RunAsync(BackupCreateSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var options = new BackupOptions
        {
            Tag = settings.Tag!,
            OutputRoot = settings.Out,
            Databases = settings.ResolveDatabases(),
            Collections = settings.Collections.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            Gzip = settings.Gzip,
            Archive = settings.Archive?.IsSet == true,
            ArchiveFileName = settings.Archive is { IsSet: true, Value: { Length: > 0 } name } ? name : null,
            Parallel = settings.Parallel,
            Emergency = settings.Emergency,
        };

        var result = await BackupConsoleProgress.RunAsync(output, "dumped", progress => new BackupService(FixedTimeProvider.FromEnvironment()).CreateAsync(store, options, progress, cancellationToken)).ConfigureAwait(false);
        var manifest = result.Manifest;
        output.Json(result.ToBson());
        output.Line($"[green]backup {Markup.Escape(result.Tag)}[/]: {manifest.Namespaces.Count} collection(s), {manifest.DocumentCount} document(s), {manifest.ByteCount} bytes in {Markup.Escape(result.Path)}");
        return ExitCodes.Ok;
    }
}
