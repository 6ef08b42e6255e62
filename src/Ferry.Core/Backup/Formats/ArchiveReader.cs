using System.Buffers.Binary;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Reads a mongodump <c>--archive</c> stream (decompressed): magic 0x8199e26d, header, collection-metadata blocks,
/// terminator, then interleaved namespace segments (<c>{db, collection, EOF: false, CRC: 0}</c>, documents,
/// terminator) and EOF blocks carrying the CRC of each namespace's documents, which is checked. Corrupt, truncated or
/// path-escaping input is rejected with a <see cref="BackupFormatException"/>.
/// </summary>
public sealed class ArchiveReader
{
    public const uint Magic = 0x8199e26d;
    public const int Terminator = -1;

    private readonly Stream _stream;
    private readonly string _label;
    private readonly bool _validateDocuments;
    private readonly byte[] _int32 = new byte[4];
    private readonly Dictionary<string, NamespaceState> _namespaces = new(StringComparer.Ordinal);
    private NamespaceState? _current;
    private long _offset;

    private ArchiveReader(Stream stream, string label, bool validateDocuments)
    {
        _stream = stream;
        _label = label;
        _validateDocuments = validateDocuments;
    }

    public ArchivePrelude Prelude { get; private set; } = null!;

    /// <summary>Opens the archive and reads its prelude.</summary>
    public static async Task<ArchiveReader> OpenAsync(Stream stream, string label, bool validateDocuments = true, CancellationToken cancellationToken = default)
    {
        var reader = new ArchiveReader(stream, label, validateDocuments);
        await reader.ReadPreludeAsync(cancellationToken).ConfigureAwait(false);
        return reader;
    }

    /// <summary>The next document or namespace end; null at the end of the archive.</summary>
    public async ValueTask<ArchiveItem?> ReadNextAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var at = _offset;
            var got = await ReadAtMostAsync(_int32, cancellationToken).ConfigureAwait(false);
            if (got == 0 && _current is null)
            {
                EnsureAllNamespacesEnded();
                return null;
            }

            if (got < 4)
            {
                throw Truncated(at, _current is null ? "a namespace header or the end of the archive" : $"a document or terminator of {_current.Namespace}");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(_int32);
            if (_current is null)
            {
                if (length == Terminator)
                {
                    throw new BackupFormatException(_label, at, "two consecutive terminators: expected a namespace header");
                }

                var header = await ReadDocumentBodyAsync(length, at, "namespace header", cancellationToken).ConfigureAwait(false);
                var item = StartSegment(header, at);
                if (item is not null)
                {
                    return item;
                }

                continue;
            }

            if (length == Terminator)
            {
                _current = null;
                continue;
            }

            if (_current.Ended)
            {
                throw new BackupFormatException(_label, at, $"the EOF block of {_current.Namespace} must be followed by a terminator, found a document");
            }

            var document = await ReadDocumentBodyAsync(length, at, $"document of {_current.Namespace}", cancellationToken).ConfigureAwait(false);
            _current.Crc.Append(document);
            _current.Documents++;
            return new ArchiveItem(_current.Database, _current.Collection, document, at);
        }
    }

    private ArchiveItem? StartSegment(byte[] headerBytes, long at)
    {
        var header = BsonSerializer.Deserialize<BsonDocument>(headerBytes);
        if (!header.TryGetValue("db", out var db) || db is not BsonString || !header.TryGetValue("collection", out var coll) || coll is not BsonString)
        {
            throw new BackupFormatException(_label, at, "namespace header needs string fields \"db\" and \"collection\"");
        }

        NamespaceGuard.Check(db.AsString, coll.AsString, _label, at);
        var key = db.AsString + "\0" + coll.AsString;
        if (!_namespaces.TryGetValue(key, out var state))
        {
            state = new NamespaceState(db.AsString, coll.AsString);
            _namespaces[key] = state;
        }

        if (state.Ended)
        {
            throw new BackupFormatException(_label, at, $"namespace {state.Namespace} continues after its EOF block");
        }

        _current = state;
        var isEof = header.GetValue("EOF", false).ToBoolean();
        if (!isEof)
        {
            return null;
        }

        var stored = header.GetValue("CRC", 0L).ToInt64();
        if (stored != state.Crc.Value)
        {
            throw new BackupFormatException(_label, at, $"CRC of {state.Namespace} is {state.Crc.Value} over {state.Documents} document(s) but its EOF block says {stored} (corrupt archive)");
        }

        state.Ended = true;
        return new ArchiveItem(state.Database, state.Collection, null, at);
    }

    private void EnsureAllNamespacesEnded()
    {
        var open = _namespaces.Values.FirstOrDefault(s => !s.Ended);
        if (open is not null)
        {
            throw Truncated(_offset, $"the EOF block of {open.Namespace}");
        }

        // Every dumped collection ends with an EOF block; views and time-series collections carry no data of their own.
        var missing = Prelude.Namespaces.FirstOrDefault(e => !HasNoDataOfItsOwn(e) && !_namespaces.ContainsKey(e.Database + "\0" + e.Collection));
        if (missing is not null)
        {
            throw Truncated(_offset, $"the EOF block of {missing.Namespace}");
        }
    }

    private static bool HasNoDataOfItsOwn(ArchiveNamespaceEntry entry)
    {
        if (entry.Type is "view" or "timeseries")
        {
            return true;
        }

        try
        {
            var metadata = MetadataJson.Parse(entry.MetadataJson, entry.Namespace);
            return metadata.IsView || metadata.IsTimeSeries;
        }
        catch (BackupFormatException)
        {
            return false;
        }
    }

    private async Task ReadPreludeAsync(CancellationToken cancellationToken)
    {
        var got = await ReadAtMostAsync(_int32, cancellationToken).ConfigureAwait(false);
        if (got < 4 || BinaryPrimitives.ReadUInt32LittleEndian(_int32) != Magic)
        {
            var hint = got >= 2 && _int32[0] == 0x1f && _int32[1] == 0x8b ? " (it is gzip-compressed)" : string.Empty;
            throw new BackupFormatException(_label, 0, $"not a mongodump archive: expected the magic number 6d e2 99 81{hint}");
        }

        var headerBytes = await ReadDocumentAsync("archive header", cancellationToken).ConfigureAwait(false)
            ?? throw new BackupFormatException(_label, 4, "expected the archive header document, found a terminator");
        var header = BsonSerializer.Deserialize<BsonDocument>(headerBytes);
        var archiveHeader = new ArchiveHeader(
            header.GetValue("concurrent_collections", 1).ToInt32(),
            header.GetValue("version", string.Empty).ToString()!,
            header.GetValue("server_version", string.Empty).ToString()!,
            header.GetValue("tool_version", string.Empty).ToString()!);

        var entries = new List<ArchiveNamespaceEntry>();
        while (true)
        {
            var at = _offset;
            var bytes = await ReadDocumentAsync("collection metadata block or terminator", cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                break;
            }

            var block = BsonSerializer.Deserialize<BsonDocument>(bytes);
            if (block.GetValue("db", BsonNull.Value) is not BsonString db || block.GetValue("collection", BsonNull.Value) is not BsonString coll)
            {
                throw new BackupFormatException(_label, at, "collection metadata block needs string fields \"db\" and \"collection\"");
            }

            NamespaceGuard.Check(db.Value, coll.Value, _label, at);
            entries.Add(new ArchiveNamespaceEntry(
                db.Value,
                coll.Value,
                block.GetValue("metadata", string.Empty) is BsonString m ? m.Value : string.Empty,
                block.TryGetValue("size", out var size) && size.IsNumeric ? size.ToInt64() : 0,
                block.TryGetValue("type", out var type) && type is BsonString t ? t.Value : null));
        }

        Prelude = new ArchivePrelude(archiveHeader, entries);
    }

    /// <summary>Reads a length-prefixed document, or returns null when the next four bytes are the terminator.</summary>
    private async Task<byte[]?> ReadDocumentAsync(string expected, CancellationToken cancellationToken)
    {
        var at = _offset;
        if (await ReadAtMostAsync(_int32, cancellationToken).ConfigureAwait(false) < 4)
        {
            throw Truncated(at, expected);
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_int32);
        return length == Terminator ? null : await ReadDocumentBodyAsync(length, at, expected, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> ReadDocumentBodyAsync(int length, long at, string what, CancellationToken cancellationToken)
    {
        if (length < 5 || length > BsonDocumentValidator.MaxDocumentSize)
        {
            throw new BackupFormatException(_label, at, $"{what}: length {length} is outside 5..{BsonDocumentValidator.MaxDocumentSize} (corrupt archive)");
        }

        var document = new byte[length];
        _int32.CopyTo(document, 0);
        if (await ReadAtMostAsync(document.AsMemory(4), cancellationToken).ConfigureAwait(false) < length - 4)
        {
            throw Truncated(at, $"{what} of {length} bytes");
        }

        if (_validateDocuments || !what.StartsWith("document", StringComparison.Ordinal))
        {
            var problem = BsonDocumentValidator.Validate(document);
            if (problem is not null)
            {
                throw new BackupFormatException(_label, at + problem.Offset, $"{what} (starting at byte {at}): {problem.Message}");
            }
        }

        return document;
    }

    private BackupFormatException Truncated(long at, string expected) =>
        new(_label, at, $"truncated: the archive ends where {expected} was expected");

    private async ValueTask<int> ReadAtMostAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw new BackupFormatException(_label, _offset + total, $"corrupt compressed data: {e.Message}", e);
            }

            if (read == 0)
            {
                break;
            }

            total += read;
        }

        _offset += total;
        return total;
    }

    private sealed class NamespaceState(string database, string collection)
    {
        public string Database { get; } = database;

        public string Collection { get; } = collection;

        public string Namespace => $"{Database}.{Collection}";

        public ArchiveCrc64 Crc { get; } = new();

        public long Documents { get; set; }

        public bool Ended { get; set; }
    }
}
