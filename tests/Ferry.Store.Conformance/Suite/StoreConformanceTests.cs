using Ferry.Core.Storage;
using Ferry.Store.Conformance.Targets;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Suite;

/// <summary>
/// The conformance suite: the same cases for every store, defining "behaves like MongoDB". Each derived class
/// names one <see cref="StoreTarget"/>; a target that is not available reports every case as skipped with its
/// reason. The cases are split over partial files by area (CRUD, bulk errors, scans, partitions, indexes,
/// collections, stats, aggregation, BSON round trip).
/// </summary>
public abstract partial class StoreConformanceTests
{
    protected abstract StoreTarget Target { get; }

    protected Task<TestDatabase> OpenAsync() => Target.OpenDatabaseAsync();

    protected static async Task SeedAsync(IDocumentCollection collection, params string[] documents)
    {
        var requests = documents.Select(json => (WriteRequest)new InsertRequest(Doc.Parse(json))).ToList();
        await collection.BulkWriteAsync(requests, new BulkWriteOptions { IsOrdered = true });
    }

    protected static async Task<List<BsonDocument>> AllAsync(IDocumentCollection collection) =>
        await collection.FindAsync(null, new FindOptions { Sort = Doc.Parse("{_id: 1}") }).ToListAsync();

    protected static byte[] RawBytes(RawBsonDocument document)
    {
        var bytes = new byte[document.Slice.Length];
        document.Slice.GetBytes(0, bytes, 0, bytes.Length);
        return bytes;
    }

    protected static void AssertDocuments(IEnumerable<BsonDocument> actual, params string[] expected) =>
        Assert.Equal(expected.Select(e => Doc.Parse(e).ToJson()).ToList(), actual.Select(a => a.ToJson()).ToList());
}

/// <summary>The suite against the embedded store, always.</summary>
public sealed class EmbeddedStoreConformanceTests : StoreConformanceTests
{
    protected override StoreTarget Target { get; } = new EmbeddedTarget();
}

/// <summary>The suite against MongoDB when <c>FERRY_TEST_MONGODB_URI</c> is set; otherwise every case is skipped.</summary>
public sealed class MongoStoreConformanceTests : StoreConformanceTests
{
    protected override StoreTarget Target { get; } = new MongoTarget();
}
