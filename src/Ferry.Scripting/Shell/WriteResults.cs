using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>
/// Write results in mongosh's shapes (<c>{ acknowledged, insertedId }</c>, <c>{ acknowledged, matchedCount,
/// modifiedCount, upsertedCount, upsertedId }</c>, …), so scripts that inspect them behave as they do in mongosh.
/// Counts are Int32 when they fit, so they read back as plain numbers.
/// </summary>
internal static class WriteResults
{
    public static BsonDocument InsertOne(BsonValue id) =>
        new() { { "acknowledged", true }, { "insertedId", id } };

    public static BsonDocument InsertMany(BulkWriteResult result, int count)
    {
        var ids = new BsonDocument();
        for (var i = 0; i < count; i++)
        {
            if (result.InsertedIds.TryGetValue(i, out var id))
            {
                ids[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = id;
            }
        }

        return new BsonDocument { { "acknowledged", true }, { "insertedCount", Count(result.InsertedCount) }, { "insertedIds", ids } };
    }

    public static BsonDocument Update(BulkWriteResult result)
    {
        var upserted = result.Upserts.Count > 0 ? result.Upserts[0].Id : BsonNull.Value;
        var document = new BsonDocument
        {
            { "acknowledged", true },
            { "insertedId", upserted },
            { "matchedCount", Count(result.MatchedCount) },
            { "modifiedCount", Count(result.ModifiedCount) },
            { "upsertedCount", Count(result.UpsertedCount) },
        };
        if (result.Upserts.Count > 0)
        {
            document["upsertedId"] = upserted;
        }

        return document;
    }

    public static BsonDocument Delete(BulkWriteResult result) =>
        new() { { "acknowledged", true }, { "deletedCount", Count(result.DeletedCount) } };

    public static BsonDocument BulkWrite(BulkWriteResult result)
    {
        var inserted = new BsonDocument(result.InsertedIds.OrderBy(p => p.Key)
            .Select(p => new BsonElement(p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Value)));
        var upserted = new BsonDocument(result.Upserts
            .Select(u => new BsonElement(u.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Id)));
        return new BsonDocument
        {
            { "acknowledged", true },
            { "insertedCount", Count(result.InsertedCount) },
            { "insertedIds", inserted },
            { "matchedCount", Count(result.MatchedCount) },
            { "modifiedCount", Count(result.ModifiedCount) },
            { "deletedCount", Count(result.DeletedCount) },
            { "upsertedCount", Count(result.UpsertedCount) },
            { "upsertedIds", upserted },
        };
    }

    public static BsonValue Count(long count) => count <= int.MaxValue ? new BsonInt32((int)count) : new BsonInt64(count);
}
