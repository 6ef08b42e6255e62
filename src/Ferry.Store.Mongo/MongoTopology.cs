using MongoDB.Bson;

namespace Ferry.Store.Mongo;

/// <summary>
/// What a server's <c>hello</c> answer says about the deployment: a mongos (<c>msg: "isdbgrid"</c>) means a
/// sharded cluster, a <c>setName</c> a replica set member, neither a standalone server. Multi-document
/// transactions need a replica set or a sharded cluster.
/// </summary>
public sealed record MongoTopology(string Kind, BsonDocument Hello)
{
    public const string Standalone = "standalone";
    public const string ReplicaSet = "replicaSet";
    public const string Sharded = "sharded";

    public bool SupportsTransactions => Kind is ReplicaSet or Sharded;

    public static MongoTopology FromHello(BsonDocument hello)
    {
        if (hello.TryGetValue("msg", out var msg) && msg.IsString && msg.AsString == "isdbgrid")
        {
            return new MongoTopology(Sharded, hello);
        }

        return hello.Contains("setName") ? new MongoTopology(ReplicaSet, hello) : new MongoTopology(Standalone, hello);
    }
}
