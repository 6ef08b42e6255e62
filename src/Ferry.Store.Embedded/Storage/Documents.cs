using System.Globalization;
using Ferry.Query.Common;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Ferry.Store.Embedded.Storage;

/// <summary>A document ready to store: its <c>_id</c>, parsed form and exact BSON bytes.</summary>
internal sealed record PreparedDocument(BsonValue Id, BsonDocument Document, byte[] Bytes);

/// <summary>
/// BSON bytes in and out of the store: raw documents keep their exact bytes, an <c>_id</c> (ObjectId) is added as
/// the first field when missing, structure is validated, and MongoDB's 16 MiB limit is enforced with its error.
/// </summary>
internal static class Documents
{
    /// <summary>MongoDB's maximum user document size (BSONObjMaxUserSize).</summary>
    public const int MaxUserSize = 16 * 1024 * 1024;

    /// <summary>MongoDB's InvalidBSON error code.</summary>
    public const int InvalidBson = 22;

    /// <summary>The internal limit MongoDB's error message quotes (BSONObjMaxInternalSize).</summary>
    public const int MaxInternalSize = MaxUserSize + (16 * 1024);

    public static BsonDocument Materialize(byte[] bytes) => BsonSerializer.Deserialize<BsonDocument>(bytes);

    /// <summary>Prepares a document to insert (insert or upsert), adding an ObjectId <c>_id</c> first when it has none.</summary>
    public static PreparedDocument PrepareInsert(BsonDocument document)
    {
        byte[] bytes;
        BsonDocument parsed;
        if (document is RawBsonDocument raw)
        {
            bytes = new byte[raw.Slice.Length];
            raw.Slice.GetBytes(0, bytes, 0, bytes.Length);

            // One allocation-free pass checks the structure; the document is then read lazily (only _id, and the
            // fields validators and indexes ask for), which is what keeps raw inserts near SQLite's own speed.
            if (Ferry.Core.Backup.Formats.BsonDocumentValidator.Validate(bytes) is { } problem)
            {
                throw new MqlException(InvalidBson, "InvalidBSON", $"Invalid BSON document at byte {problem.Offset}: {problem.Message}");
            }

            parsed = new RawBsonDocument(bytes);
        }
        else
        {
            parsed = document;
            bytes = ToBson(document);
        }

        if (!parsed.TryGetValue("_id", out var id))
        {
            id = ObjectId.GenerateNewId();
            var withId = new BsonDocument("_id", id);
            foreach (var element in parsed)
            {
                withId.Add(element);
            }

            parsed = withId;
            bytes = ToBson(parsed);
        }

        CheckId(id);
        CheckSize(bytes.Length);
        return new PreparedDocument(id, parsed, bytes);
    }

    /// <summary>Serialises an updated or replacing document with <c>_id</c> as its first field.</summary>
    public static byte[] Serialize(BsonDocument document)
    {
        if (document.ElementCount > 0 && document.GetElement(0).Name != "_id" && document.TryGetValue("_id", out var id))
        {
            var reordered = new BsonDocument("_id", id);
            foreach (var element in document)
            {
                if (element.Name != "_id")
                {
                    reordered.Add(element);
                }
            }

            document = reordered;
        }

        var bytes = ToBson(document);
        if (bytes.Length > MaxUserSize)
        {
            throw ErrorCodes.Create(17419, $"Resulting document after update is larger than {MaxUserSize}");
        }

        return bytes;
    }

    /// <summary>Serialises a document; a document BSON cannot represent (e.g. a field name with a NUL) is BadValue.</summary>
    private static byte[] ToBson(BsonDocument document)
    {
        try
        {
            return document.ToBson();
        }
        catch (BsonSerializationException e)
        {
            throw ErrorCodes.Bad("document cannot be stored as BSON: " + e.Message);
        }
    }

    public static void CheckSize(int size)
    {
        if (size > MaxUserSize)
        {
            throw ErrorCodes.Create(
                ErrorCodes.BsonObjectTooLarge,
                $"BSONObj size: {size.ToString(CultureInfo.InvariantCulture)} (0x{size.ToString("X", CultureInfo.InvariantCulture)}) is invalid. Size must be between 0 and {MaxInternalSize.ToString(CultureInfo.InvariantCulture)}(16MB)");
        }
    }

    public static void CheckId(BsonValue id)
    {
        switch (id.BsonType)
        {
            case BsonType.Array:
                throw ErrorCodes.Create(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type array");
            case BsonType.RegularExpression:
                throw ErrorCodes.Create(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type regex");
            case BsonType.Undefined:
                throw ErrorCodes.Create(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type undefined");
            case BsonType.Document:
                CheckNoDollarFields(id.AsBsonDocument);
                break;
        }
    }

    private static void CheckNoDollarFields(BsonDocument document)
    {
        foreach (var element in document)
        {
            if (element.Name.StartsWith('$'))
            {
                throw ErrorCodes.Create(ErrorCodes.DollarPrefixedFieldName, $"_id fields may not contain '$'-prefixed fields: {element.Name} is not valid for storage.");
            }

            if (element.Value is BsonDocument nested)
            {
                CheckNoDollarFields(nested);
            }
        }
    }

    /// <summary>The document with <c>_id</c> as its first field, as MongoDB stores inserts (raw documents are kept as given).</summary>
    public static BsonDocument MoveIdFirst(BsonDocument document)
    {
        if (document is RawBsonDocument || document.ElementCount == 0 || document.GetElement(0).Name == "_id" || !document.Contains("_id"))
        {
            return document;
        }

        var reordered = new BsonDocument("_id", document["_id"]);
        foreach (var element in document)
        {
            if (element.Name != "_id")
            {
                reordered.Add(element);
            }
        }

        return reordered;
    }
}
