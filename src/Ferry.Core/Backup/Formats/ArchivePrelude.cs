using MongoDB.Bson;

namespace Ferry.Core.Backup.Formats;

/// <summary>The start of a mongodump archive: the header and one entry per dumped namespace.</summary>
public sealed record ArchivePrelude(ArchiveHeader Header, IReadOnlyList<ArchiveNamespaceEntry> Namespaces);

/// <summary>The archive header document: <c>{concurrent_collections, version: "0.1", server_version, tool_version}</c>.</summary>
public sealed record ArchiveHeader(int ConcurrentCollections, string Version, string ServerVersion, string ToolVersion)
{
    public const string FormatVersion = "0.1";

    public BsonDocument ToDocument() => new()
    {
        { "concurrent_collections", ConcurrentCollections },
        { "version", Version },
        { "server_version", ServerVersion },
        { "tool_version", ToolVersion },
    };
}

/// <summary>One collection-metadata block of the prelude: namespace, metadata.json text, size, type.</summary>
public sealed record ArchiveNamespaceEntry(string Database, string Collection, string MetadataJson, long Size, string? Type)
{
    public string Namespace => $"{Database}.{Collection}";

    public BsonDocument ToDocument()
    {
        var document = new BsonDocument
        {
            { "db", Database },
            { "collection", Collection },
            { "metadata", MetadataJson },
            { "size", (int)Math.Min(Size, int.MaxValue) },
        };
        if (Type is not null)
        {
            document["type"] = Type;
        }

        return document;
    }
}

/// <summary>What the archive reader returns next: a document of a namespace, or the end (EOF block) of one.</summary>
public sealed record ArchiveItem(string Database, string Collection, byte[]? Document, long Offset)
{
    public bool IsEndOfNamespace => Document is null;

    public string Namespace => $"{Database}.{Collection}";
}
