using Ferry.Core.Storage;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Core.Transfer;

/// <summary>
/// Writes a collection as canonical Extended JSON, one document per line, in <c>_id</c> order, streaming (one
/// scan batch in memory). Canonical mode keeps every BSON type (Int32 vs Int64 vs Double, Decimal128, dates), so
/// <see cref="ExtendedJsonImporter"/> reads back exactly the documents that were exported.
/// </summary>
public static class ExtendedJsonExporter
{
    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson, Indent = false };

    /// <summary>One document as one line of canonical Extended JSON (no line break).</summary>
    public static string ToLine(BsonDocument document) => document.ToJson(Canonical);

    public static async Task<ExportResult> ExportAsync(
        IDocumentCollection collection,
        TextWriter writer,
        ExportOptions? options = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ExportOptions();
        long count = 0;
        var scan = new ScanOptions { Filter = options.Filter, BatchSize = options.BatchSize };
        await foreach (var document in collection.ScanAsync(scan, cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteLineAsync(ToLine(document).AsMemory(), cancellationToken).ConfigureAwait(false);
            count++;
            if (count % options.BatchSize == 0)
            {
                progress?.Report(count);
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(count);
        return new ExportResult(collection.Name, count);
    }

    /// <summary>
    /// Exports into <paramref name="path"/> through a temporary file renamed at the end, so a failed or cancelled
    /// export never leaves a truncated file behind that looks complete.
    /// </summary>
    public static async Task<ExportResult> ExportToFileAsync(
        IDocumentCollection collection,
        string path,
        ExportOptions? options = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        try
        {
            ExportResult result;
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                await using (writer.ConfigureAwait(false))
                {
                    result = await ExportAsync(collection, writer, options, progress, cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temporary, full, overwrite: true);
            return result with { Path = full };
        }
        catch (Exception e)
        {
            File.Delete(temporary);
            if (Errors.DiskFull.Is(e))
            {
                throw Errors.DiskFull.Error(full, "the disk is full or a file-size limit was reached");
            }

            throw;
        }
    }
}

/// <summary>Options of <see cref="ExtendedJsonExporter"/>.</summary>
public sealed record ExportOptions
{
    /// <summary>A MongoDB filter; null exports every document.</summary>
    public BsonDocument? Filter { get; init; }

    public int BatchSize { get; init; } = 1000;
}

/// <summary>What an export wrote: the collection, the number of documents and the file (null for a stream).</summary>
public sealed record ExportResult(string Collection, long Documents)
{
    public string? Path { get; init; }

    public BsonDocument ToBsonDocument() => new()
    {
        { "collection", Collection },
        { "documents", Documents },
        { "file", Path is null ? BsonNull.Value : Path },
    };
}
