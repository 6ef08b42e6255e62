using Ferry.Core.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Store.Mongo;

/// <summary>
/// MongoDB's health for <c>ferry health</c>: on a replica set, <c>replSetGetStatus</c>'s members with their states —
/// healthy when there is a primary and every member is up; a standalone server or mongos answering hello is healthy.
/// </summary>
internal static class MongoHealth
{
    public static async Task<StoreHealth> CheckAsync(IMongoClient client, MongoErrorTranslator errors, CancellationToken cancellationToken)
    {
        var hello = await MongoStoreProvider.HelloAsync(client, errors, cancellationToken).ConfigureAwait(false);
        if (!hello.Contains("setName"))
        {
            return new StoreHealth(true, MongoTopology.FromHello(hello).Kind + " answers hello");
        }

        var status = await errors.RunAsync(() => client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("replSetGetStatus", 1), cancellationToken: cancellationToken)).ConfigureAwait(false);
        var members = status.GetValue("members", new BsonArray()).AsBsonArray.Select(m => m.AsBsonDocument).Select(m => new BsonDocument
        {
            { "name", m.GetValue("name", "?") },
            { "state", m.GetValue("stateStr", "?") },
            { "health", m.GetValue("health", 0) },
        }).ToList();
        var down = members.Where(m => m["health"].ToDouble() < 1).Select(m => m["name"].ToString()).ToList();
        var hasPrimary = members.Any(m => m["state"] == "PRIMARY");
        var summary = $"replica set {hello["setName"]}: " + string.Join(", ", members.Select(m => $"{m["name"]} {m["state"]}"))
            + (hasPrimary ? "" : "; no primary") + (down.Count > 0 ? "; down: " + string.Join(", ", down) : "");
        return new StoreHealth(hasPrimary && down.Count == 0, summary) { Details = new BsonDocument { { "setName", hello["setName"] }, { "members", new BsonArray(members) } } };
    }
}
