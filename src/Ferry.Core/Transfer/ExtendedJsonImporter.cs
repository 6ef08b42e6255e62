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
        long total = 0;
        await foreach (var line in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            total++;
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
        var runId = Runs.JournaledRun.NewId("import", options.Time);
        await using var runLock = await Runs.DatabaseRunLock.AcquireAsync(collection.Database, "import", runId, options.Lock, cancellationToken).ConfigureAwait(false);
        await using var run = await Runs.JournaledRun.StartAsync(collection.Database, runId, "import", new BsonDocument
        {
            { "file", Path.GetFullPath(path) },
            { "database", collection.Database.Name },
            { "collection", collection.Name },
            { "mode", options.Mode.ToString().ToLowerInvariant() },
            { "continue_on_error", options.ContinueOnError },
        }, options.Time, cancellationToken).ConfigureAwait(false);
        var writer = new ImportWriter(collection, path, options, errors);
        try
        {
            await foreach (var line in ReadAsync(path, run.Token).ConfigureAwait(false))
            {
                if (line.Document is not null)
                {
                    await writer.AddAsync(line.Number, line.Document, run.Token).ConfigureAwait(false);
                    if (writer.Lines % options.BatchSize == 0)
                    {
                        progress?.Report(writer.Lines);
                        run.Track(collection.Name, new Runs.CollectionProgress(writer.Lines, total, writer.Lines, 0));
                    }
                }
            }

            await writer.FlushAsync(run.Token).ConfigureAwait(false);
        }
        catch (Exception) when (run.StopRequested && !cancellationToken.IsCancellationRequested)
        {
            throw await run.StoppedAsync("the documents imported before it stay; import the file again with --mode upsert to finish").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await run.FailedAsync(e).ConfigureAwait(false);
            throw;
        }

        progress?.Report(writer.Lines);
        var result = writer.Result(collection.Name) with { RunId = runId };
        foreach (var error in result.Errors)
        {
            await run.ErrorAsync(error.Format(path), CancellationToken.None).ConfigureAwait(false);
        }

        run.Track(collection.Name, new Runs.CollectionProgress(result.Lines, total, result.Inserted + result.Replaced, 0));
        await run.CompleteAsync(result.Failed == 0 ? Runs.RunStatus.Completed : Runs.RunStatus.Failed, result.Failed == 0 ? null : $"{result.Failed} line(s) not imported").ConfigureAwait(false);
        return result;
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
