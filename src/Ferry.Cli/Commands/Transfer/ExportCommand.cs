using Ferry.Cli.Infrastructure;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Core.Transfer;
using Spectre.Console;

namespace Ferry.Cli.Commands.Transfer;

/// <summary><c>ferry export</c>: a collection as canonical Extended JSON lines, in <c>_id</c> order, to a file or
/// standard output (see <see cref="ExtendedJsonExporter"/>).</summary>
public sealed class ExportCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<ExportSettings>(console)
{
    protected override async Task<int> RunAsync(ExportSettings settings, Output output, CancellationToken cancellationToken)
    {
        var collectionName = settings.Collection!; // Validate() has required it, and --out with --json
        var options = new ExportOptions { Filter = settings.Filter is null ? null : JsonArgument.ParseDocument("--filter", settings.Filter) };
        if (settings.Out is { } target && Directory.Exists(target))
        {
            throw new UserInputException($"--out {target}: is a folder, expected the file to write (e.g. {Path.Combine(target, collectionName + ".json")})");
        }

        var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            var database = store.GetDatabase(settings.ResolveDatabase());
            var collections = await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
            if (!collections.Any(c => c.Name == collectionName))
            {
                throw new UserInputException($"--collection {collectionName}: no such collection in {database.Name} on {store.DisplayUri}");
            }

            var collection = database.GetCollection(collectionName);
            if (settings.Out is null)
            {
                await ExtendedJsonExporter.ExportAsync(collection, Console.Profile.Out.Writer, options, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var result = await ExtendedJsonExporter.ExportToFileAsync(collection, settings.Out, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            output.Json(result.ToBsonDocument());
            output.Line(Markup.Escape($"exported {result.Documents} documents from {database.Name}.{collectionName} to {result.Path}"));
            return ExitCodes.Ok;
        }
    }
}
