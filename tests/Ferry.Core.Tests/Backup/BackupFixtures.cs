using Ferry.Core.Backup;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Backup;

/// <summary>Seeded stores and fixed clocks for backup tests.</summary>
internal static class BackupFixtures
{
    public static readonly BsonDocument Validator = BsonDocument.Parse("{ validator: { $jsonSchema: { required: ['name'] } }, validationLevel: 'strict' }");

    /// <summary>shop.customers (validator, unique email index, 250 docs), shop.orders (120 docs), shop.empty, crm.leads (7 docs).</summary>
    public static async Task<InMemoryStore> SeededStoreAsync()
    {
        var store = new InMemoryStore { DisplayUri = "mongodb://admin:***@db.example:27017" };
        var shop = store.GetDatabase("shop");
        await shop.CreateCollectionAsync("customers", Validator);
        var customers = (InMemoryCollection)shop.GetCollection("customers");
        await customers.SeedAsync(Enumerable.Range(0, 250).Select(i => new BsonDocument
        {
            { "_id", ObjectId.Parse($"65a0000000000000000{i:x5}") },
            { "name", $"customer {i}" },
            { "email", $"c{i}@example.com" },
            { "balance", new BsonDecimal128(i * 1.25m) },
            { "tags", new BsonArray { "a", i } },
        }));
        await customers.CreateIndexesAsync([BsonDocument.Parse("{ key: { email: 1 }, name: 'email_1', unique: true }")]);
        await shop.CreateCollectionAsync("orders");
        await ((InMemoryCollection)shop.GetCollection("orders")).SeedAsync(Enumerable.Range(0, 120).Select(i => new BsonDocument
        {
            { "_id", i },
            { "at", new BsonDateTime(1_700_000_000_000L + i) },
            { "ts", new BsonTimestamp(i, 1) },
            { "blob", new BsonBinaryData(new byte[] { 1, 2, (byte)i }) },
        }));
        await shop.CreateCollectionAsync("empty");
        var crm = store.GetDatabase("crm");
        await ((InMemoryCollection)crm.GetCollection("leads")).SeedAsync(Enumerable.Range(0, 7).Select(i => new BsonDocument { { "_id", $"lead-{i}" }, { "score", i * 0.5 } }));
        return store;
    }

    public static BackupService Service() => new(new FixedClock(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero)));

    public static IReadOnlyList<byte[]> Raw(InMemoryStore store, string database, string collection) =>
        ((InMemoryDatabase)store.GetDatabase(database)).Collections[collection].RawDocuments;

    /// <summary>A clock that advances one minute per reading, so backups get distinct, ordered creation times.</summary>
    internal sealed class FixedClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => start.AddMinutes(Interlocked.Increment(ref _ticks));
    }
}
