using Ferry.Core.Storage;
using Ferry.Store.Conformance.Targets;

namespace Ferry.Store.Conformance.Suite;

/// <summary>Bulk write errors: ordered stops at the first, unordered reports each, with exact indexes and codes.</summary>
public abstract partial class StoreConformanceTests
{
    private static List<WriteRequest> InsertsWithDuplicates() =>
    [
        new InsertRequest(Doc.Parse("{_id: 1}")),
        new InsertRequest(Doc.Parse("{_id: 1}")),
        new InsertRequest(Doc.Parse("{_id: 2}")),
        new InsertRequest(Doc.Parse("{_id: 2}")),
        new InsertRequest(Doc.Parse("{_id: 3}")),
    ];

    [SkippableFact]
    public async Task Ordered_bulk_write_stops_at_the_first_error_and_reports_its_index()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(
            () => c.BulkWriteAsync(InsertsWithDuplicates(), new BulkWriteOptions { IsOrdered = true }));

        var only = Assert.Single(error.WriteErrors);
        Assert.Equal((1, 11000, "DuplicateKey"), (only.Index, only.Code, only.CodeName));
        Assert.Contains("E11000", only.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Result.InsertedCount);
        Assert.Equal([0], error.Result.InsertedIds.Keys.Order().ToList());
        Assert.Equal(11000, error.Code);
        AssertDocuments(await AllAsync(c), "{_id: 1}");
    }

    [SkippableFact]
    public async Task Unordered_bulk_write_attempts_every_request_and_reports_each_failure()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(
            () => c.BulkWriteAsync(InsertsWithDuplicates(), new BulkWriteOptions { IsOrdered = false }));

        Assert.Equal([(1, 11000), (3, 11000)], error.WriteErrors.Select(e => (e.Index, e.Code)).ToList());
        Assert.Equal(3, error.Result.InsertedCount);
        Assert.Equal([0, 2, 4], error.Result.InsertedIds.Keys.Order().ToList());
        AssertDocuments(await AllAsync(c), "{_id: 1}", "{_id: 2}", "{_id: 3}");
    }

    [SkippableFact]
    public async Task Bulk_write_errors_of_mixed_operations_keep_counts_of_the_successful_ones()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, a: 1}", "{_id: 2, a: 2}");

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => c.BulkWriteAsync(
        [
            new UpdateRequest(Doc.Parse("{_id: 1}"), Doc.Parse("{$set: {a: 10}}")),
            new UpdateRequest(Doc.Parse("{_id: 2}"), Doc.Parse("{$inc: {a: 'x'}}")),
            new DeleteRequest(Doc.Parse("{_id: 2}")),
        ]));

        var failure = Assert.Single(error.WriteErrors);
        Assert.Equal((1, 14, "TypeMismatch"), (failure.Index, failure.Code, failure.CodeName));
        Assert.Equal((1, 1, 1), (error.Result.MatchedCount, error.Result.ModifiedCount, error.Result.DeletedCount));
        AssertDocuments(await AllAsync(c), "{_id: 1, a: 10}");
    }
}
