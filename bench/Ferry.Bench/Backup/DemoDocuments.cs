using MongoDB.Bson;

namespace Ferry.Bench.Backup;

/// <summary>Demo-like documents (a user with profile, tags, metrics and dates, ~400-600 bytes), deterministic by index.</summary>
internal static class DemoDocuments
{
    private static readonly string[] Roles = ["admin", "analyst", "engineer", "viewer", "owner"];
    private static readonly string[] Regions = ["eu-west", "us-east", "ap-south", "sa-east"];

    public static byte[] Create(int index)
    {
        var random = new Random(index);
        var created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(index);
        return new BsonDocument
        {
            { "_id", ObjectId.Parse($"{(int)(created - DateTime.UnixEpoch).TotalSeconds:x8}00000000{index:x8}") },
            { "email", $"user{index}@demo.inframind.example" },
            { "name", $"Demo User {index}" },
            { "role", Roles[random.Next(Roles.Length)] },
            { "active", random.Next(10) > 1 },
            { "createdAt", created },
            { "lastLogin", created.AddHours(random.Next(1, 5000)) },
            { "profile", new BsonDocument { { "company", $"Company {random.Next(5000)}" }, { "region", Regions[random.Next(Regions.Length)] }, { "seats", random.Next(1, 500) } } },
            { "tags", new BsonArray(Enumerable.Range(0, random.Next(1, 6)).Select(t => $"tag-{random.Next(100)}")) },
            { "metrics", new BsonDocument { { "cpu", random.NextDouble() * 100 }, { "memory", random.NextDouble() * 64 }, { "cost", new BsonDecimal128(Math.Round((decimal)random.NextDouble() * 1000, 2)) } } },
            { "notes", new string('x', random.Next(50, 250)) },
        }.ToBson();
    }
}
