using System.Globalization;
using Ferry.Query.Common;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Ferry.Store.Embedded.Storage;

/// <summary>A document ready to store: its <c>_id</c>, exact BSON bytes and (read on demand) its fields.</summary>
internal sealed class PreparedDocument(BsonValue id, byte[] bytes, BsonDocument? document)
{
    private BsonDocument? _document = document;

    public BsonValue Id { get; } = id;

    public byte[] Bytes { get; } = bytes;

    /// <summary>The document; for a raw insert it is read from the bytes only when a validator or an index asks.</summary>
    public BsonDocument Document => _document ??= new RawBsonDocument(Bytes);
}

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
        BsonDocument? parsed;
        BsonValue? id;
        if (document is RawBsonDocument raw)
        {
            bytes = RawDocumentBytes.Of(raw);

            // One allocation-free pass checks the structure; the fields are then read only when asked for (the _id
            // straight from the bytes, others by validators and indexes), which keeps raw inserts near SQLite's speed.
            if (Ferry.Core.Backup.Formats.BsonDocumentValidator.Validate(bytes) is { } problem)
            {
                throw new MqlException(InvalidBson, "InvalidBSON", $"Invalid BSON document at byte {problem.Offset}: {problem.Message}");
            }

            id = RawDocumentBytes.LeadingId(bytes);
            parsed = id is null ? new RawBsonDocument(bytes) : null;
        }
        else
        {
            parsed = document;
            bytes = ToBson(document);
            id = null;
        }

        if (id is null && !parsed!.TryGetValue("_id", out id))
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
        return new PreparedDocument(id, bytes, parsed);
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
