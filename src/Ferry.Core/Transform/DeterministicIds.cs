using System.Security.Cryptography;
using System.Text;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>
/// New target ids that are a pure function of (target collection, source <c>_id</c>), so a resumed or repeated run
/// produces the same ids and its upserts are idempotent. The ObjectId's timestamp is the source ObjectId's (creation
/// order survives); the other 8 bytes come from SHA-256 of the target name and the source id's BSON.
/// </summary>
public static class DeterministicIds
{
    public static ObjectId For(string targetCollection, BsonValue sourceId)
    {
        var input = Encoding.UTF8.GetBytes(targetCollection).Concat(new byte[] { 0 }).Concat(new BsonDocument("id", sourceId).ToBson()).ToArray();
        var hash = SHA256.HashData(input);
        var bytes = new byte[12];
        var timestamp = sourceId is BsonObjectId oid ? oid.Value.Timestamp : 0x60000000; // 2021-01-14 for non-ObjectId sources
        bytes[0] = (byte)(timestamp >> 24);
        bytes[1] = (byte)(timestamp >> 16);
        bytes[2] = (byte)(timestamp >> 8);
        bytes[3] = (byte)timestamp;
        Array.Copy(hash, 0, bytes, 4, 8);
        return new ObjectId(bytes);
    }
}
