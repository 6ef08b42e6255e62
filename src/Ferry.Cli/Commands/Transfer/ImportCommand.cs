using Ferry.Cli.Infrastructure;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Core.Transfer;
using Spectre.Console;

namespace Ferry.Cli.Commands.Transfer;

/// <summary><c>ferry import</c>: JSON lines into a collection, all or nothing unless --continue-on-error (see
/// <see cref="ExtendedJsonImporter"/>). Exit 2 when the file is refused, 1 when some lines were skipped.</summary>
public sealed class ImportCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<ImportSettings>(console)
{
    protected override async Task<int> RunAsync(ImportSettings settings, Output output, CancellationToken cancellationToken)
    {
        var collectionName = settings.Collection!; // Validate() has required --collection, --file and a known --mode
        var file = settings.File!;
        var options = settings.ToOptions();
        if (Directory.Exists(file))
        {
            throw new UserInputException($"--file {file}: is a folder, expected a file of JSON lines");
        }

        if (!File.Exists(file))
        {
            // Checked before the store is opened: opening a file: store creates its folder.
            throw new UserInputException($"--file {file}: no such file");
        }

        var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            var database = store.GetDatabase(settings.ResolveDatabase());
            var since = Report.AutoReport.Now();
            var result = await ExtendedJsonImporter.ImportFileAsync(database.GetCollection(collectionName), file, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            output.Json(result.ToBsonDocument());
            output.Line(Markup.Escape($"imported {result.Inserted + result.Replaced} documents into {database.Name}.{collectionName} from {file} ({result.Inserted} inserted, {result.Replaced} replaced, {result.Failed} failed)"));
            foreach (var error in result.Errors)
            {
                output.Warning("skipped " + Markup.Escape(error.Format(file)));
            }

            if (result.Failed > result.Errors.Count)
            {
                output.Line(Markup.Escape($"… and {result.Failed - result.Errors.Count} more failed lines"));
            }

            await Report.AutoReport.WriteAsync(settings, output, database, null, since, cancellationToken).ConfigureAwait(false);
            return result.Failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        }
    }
}
