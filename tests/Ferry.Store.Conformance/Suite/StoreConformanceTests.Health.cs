namespace Ferry.Store.Conformance.Suite;

/// <summary>The store's own health check (<c>ferry health</c>'s server line): a reachable, undamaged store is healthy.</summary>
public abstract partial class StoreConformanceTests
{
    [SkippableFact]
    public async Task A_reachable_store_with_data_reports_itself_healthy()
    {
        await using var db = await OpenAsync();
        await SeedAsync(db.Collection("items"), "{_id: 1}");

        var health = await db.Database.Store.CheckHealthAsync();

        Assert.True(health.Ok, health.Summary);
        Assert.False(string.IsNullOrWhiteSpace(health.Summary));
    }
}
