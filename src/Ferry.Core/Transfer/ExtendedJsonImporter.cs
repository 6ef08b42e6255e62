using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Transfer;

/// <summary>
/// Imports a file of JSON documents, one per line (canonical or relaxed Extended JSON, or mongo-shell syntax such
/// as <c>ObjectId("…")</c> and <c>ISODate("…")</c>). Two streaming passes: the first parses every line and, unless
/// <see cref="ImportOptions.ContinueOnError"/>, refuses the whole file at the first bad line
/// (<c>FILE:LINE: expected a JSON document: …</c>, or invalid UTF-8 with the byte) before anything is written; the second writes in unordered
/// batches. In insert mode a document the store rejects (a duplicate <c>_id</c>) makes the import remove what it
/// had inserted, so the collection is left as it was; in upsert mode, replaced documents cannot be put back and
/// the error says so.
/// </summary>
public static class ExtendedJsonImporter
{
    public static async Task<ImportResult> ImportFileAsync(
        IDocumentCollection collection,
        string path,
        ImportOptions? options = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ImportOptions();
        if (!File.Exists(path))
        {
            throw new UserInputException($"--file {path}: no such file");
        }

        var errors = new ImportErrorLog(path, options.MaxReportedErrors);
        await foreach (var line in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (line.Document is null)
            {
                errors.Add(line.Number, line.Error);
                if (!options.ContinueOnError)
                {
                    break;
                }
            }
        }

        if (errors.Count > 0 && !options.ContinueOnError)
        {
            throw new UserInputException($"{errors.First.Format(path)}; nothing was imported (use --continue-on-error to import the other lines)");
        }

        // The file is checked (read only) before the lock, so bad input is reported without waiting for a holder.
        await using var runLock = await Runs.DatabaseRunLock.AcquireAsync(collection.Database, "import", null, options.Lock, cancellationToken).ConfigureAwait(false);
        var writer = new ImportWriter(collection, path, options, errors);
        await foreach (var line in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (line.Document is not null)
            {
                await writer.AddAsync(line.Number, line.Document, cancellationToken).ConfigureAwait(false);
                if (writer.Lines % options.BatchSize == 0)
                {
                    progress?.Report(writer.Lines);
                }
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(writer.Lines);
        return writer.Result(collection.Name);
    }

    /// <summary>Every non-blank line with its 1-based number: parsed, or the reason it is not a JSON document (or not UTF-8).</summary>
    private static async IAsyncEnumerable<ParsedLine> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in Utf8LineReader.ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (line.Text is null)
            {
                yield return new ParsedLine(line.Number, null, line.Error!);
            }
            else if (!string.IsNullOrWhiteSpace(line.Text))
            {
                yield return JsonArgument.TryParse(line.Text, out var document, out var error)
                    ? new ParsedLine(line.Number, document, string.Empty)
                    : new ParsedLine(line.Number, null, "expected a JSON document: " + error);
            }
        }
    }

    private sealed record ParsedLine(long Number, BsonDocument? Document, string Error);
}
