using Ferry.Cli.Infrastructure;
using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Backup;

/// <summary><c>ferry backup create</c>: streams the chosen databases into a tagged, verified-able backup.</summary>
public sealed class BackupCreateCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<BackupCreateSettings>(console)
{
    protected override async Task<int> RunAsync(BackupCreateSettings settings, Output output, CancellationToken cancellationToken)
    {
        var tag = settings.Tag ?? throw new UserInputException("--tag: a backup needs a tag (e.g. --tag before-v2)");
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var options = new BackupOptions
        {
            Tag = tag,
            OutputRoot = settings.Out,
            Databases = settings.ResolveDatabases(),
            Collections = settings.Collections.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            Gzip = settings.Gzip,
            Archive = settings.Archive?.IsSet == true,
            ArchiveFileName = settings.Archive is { IsSet: true, Value: { Length: > 0 } name } ? name : null,
            Parallel = settings.Parallel,
            Emergency = settings.Emergency,
        };

        var result = await BackupConsoleProgress.RunAsync(output, "dumped", progress => new BackupService().CreateAsync(store, options, progress, cancellationToken)).ConfigureAwait(false);
        var manifest = result.Manifest;
        output.Json(new BsonDocument
        {
            { "tag", result.Tag },
            { "path", result.Path },
            { "layout", manifest.Layout },
            { "gzip", manifest.Gzip },
            { "emergency", manifest.Emergency },
            { "source", manifest.Source },
            { "databases", new BsonArray(manifest.Databases) },
            { "collections", manifest.Namespaces.Count },
            { "documents", manifest.DocumentCount },
            { "bytes", manifest.ByteCount },
            { "namespaces", new BsonArray(manifest.Namespaces.Select(n => new BsonDocument { { "ns", n.Namespace }, { "documents", n.Documents }, { "bytes", n.Bytes } })) },
        });
        output.Line($"[green]backup {Markup.Escape(result.Tag)}[/]: {manifest.Namespaces.Count} collection(s), {manifest.DocumentCount} document(s), {manifest.ByteCount} bytes in {Markup.Escape(result.Path)}");
        return ExitCodes.Ok;
    }
}
