using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Reads and writes <c>metadata.json</c>: canonical Extended JSON as current mongodump writes it, and the older
/// relaxed/shell form (indexes carrying <c>ns</c>, plain numbers) on input.
/// </summary>
public static class MetadataJson
{
    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson, Indent = false };

    /// <summary>Parses metadata text; an empty file means "no options, no indexes" (mongodump wrote it for empty namespaces).</summary>
    public static CollectionMetadata Parse(string json, string fileLabel)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new CollectionMetadata();
        }

        BsonDocument document;
        try
        {
            document = BsonDocument.Parse(json);
        }
        catch (Exception e) when (e is FormatException or BsonException or ArgumentException or InvalidOperationException or EndOfStreamException)
        {
            throw new BackupFormatException(fileLabel, 0, $"metadata is not valid Extended JSON: {e.Message}", e);
        }

        return FromDocument(document, fileLabel);
    }

    public static CollectionMetadata FromDocument(BsonDocument document, string fileLabel)
    {
        var options = document.GetValue("options", new BsonDocument());
        if (options is not BsonDocument optionsDocument)
        {
            throw new BackupFormatException(fileLabel, 0, $"\"options\" must be an object, found {options.BsonType}");
        }

        var indexes = new List<BsonDocument>();
        var indexValue = document.GetValue("indexes", new BsonArray());
        if (indexValue is not BsonArray indexArray)
        {
            throw new BackupFormatException(fileLabel, 0, $"\"indexes\" must be an array, found {indexValue.BsonType}");
        }

        foreach (var index in indexArray)
        {
            if (index is not BsonDocument spec || !spec.Contains("key"))
            {
                throw new BackupFormatException(fileLabel, 0, "each entry of \"indexes\" must be an object with a \"key\"");
            }

            indexes.Add(spec);
        }

        return new CollectionMetadata
        {
            Options = optionsDocument,
            Indexes = indexes,
            Uuid = document.TryGetValue("uuid", out var uuid) && uuid is BsonString u ? u.Value : null,
            CollectionName = document.TryGetValue("collectionName", out var name) && name is BsonString n ? n.Value : null,
            Type = document.TryGetValue("type", out var type) && type is BsonString t ? t.Value : null,
        };
    }

    /// <summary>The document mongodump writes: <c>options</c> (omitted when empty), <c>indexes</c>, <c>uuid</c>,
    /// <c>collectionName</c>, <c>type</c>.</summary>
    public static BsonDocument ToDocument(CollectionMetadata metadata)
    {
        var document = new BsonDocument();
        if (metadata.Options.ElementCount > 0)
        {
            document["options"] = metadata.Options;
        }

        document["indexes"] = new BsonArray(metadata.Indexes);
        if (metadata.Uuid is not null)
        {
            document["uuid"] = metadata.Uuid;
        }

        if (metadata.CollectionName is not null)
        {
            document["collectionName"] = metadata.CollectionName;
        }

        if (metadata.Type is not null)
        {
            document["type"] = metadata.Type;
        }

        return document;
    }

    public static string Serialize(CollectionMetadata metadata) => ToDocument(metadata).ToJson(Canonical);

    public static byte[] SerializeUtf8(CollectionMetadata metadata) => Encoding.UTF8.GetBytes(Serialize(metadata));
}
