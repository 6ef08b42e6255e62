using Ferry.Store.Conformance.Targets;

namespace Ferry.Store.Conformance.Suite;

/// <summary>Stats: the shape and the exact counts (sizes are store-specific but consistent).</summary>
public abstract partial class StoreConformanceTests
{
    [SkippableFact]
    public async Task Collection_stats_count_documents_and_list_every_index_size()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        await SeedAsync(c, "{_id: 1, s: 'aaaaaaaaaa'}", "{_id: 2, s: 'bbbbbbbbbb'}", "{_id: 3, s: 'cccccccccc'}");
        await c.CreateIndexesAsync([Doc.Parse("{key: {s: 1}}")]);

        var stats = await c.GetStatsAsync();

        Assert.Equal(db.Database.Name + ".items", stats.Namespace);
        Assert.Equal(3, stats.Count);
        Assert.Equal(3 * 32, stats.DataSize);
        Assert.Equal(32, stats.AverageObjectSize);
        Assert.Equal(2, stats.IndexCount);
        Assert.Equal(["_id_", "s_1"], stats.IndexSizes.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(stats.IndexSizes.Values.Sum(), stats.TotalIndexSize);
        Assert.True(stats.StorageSize >= 0);
        Assert.Equal(3, await c.EstimatedCountAsync());
    }

    [SkippableFact]
    public async Task Database_stats_count_collections_objects_and_indexes()
    {
        await using var db = await OpenAsync();
        await SeedAsync(db.Collection("a"), "{_id: 1}", "{_id: 2}");
        await SeedAsync(db.Collection("b"), "{_id: 1}");
        await db.Collection("b").CreateIndexesAsync([Doc.Parse("{key: {x: 1}}")]);

        var stats = await db.Database.GetStatsAsync();

        Assert.Equal(db.Database.Name, stats.Database);
        Assert.Equal((2, 3L, 3), (stats.Collections, stats.Objects, stats.Indexes));
        Assert.Equal(3 * 14, stats.DataSize);
        Assert.True(stats.IndexSize >= 0);
    }
}
