using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

/// <summary>
/// The query planner may only narrow the documents it reads, never change results: the same random queries over the
/// same random documents must return the same documents, in the same order, from an indexed collection (index lookups,
/// _id keys and ranges) as from a plain full scan with the filter applied by the test itself.
/// </summary>
public class PlannerDifferentialTests
{
    private static readonly BsonValue[] Pool =
    [
        1, 1L, 1.0, 2, 2.5, Decimal128.Parse("2.5"), "x", "y", "", BsonNull.Value, true, false,
        new BsonArray { 1, "x" }, new BsonArray(), new BsonArray { new BsonArray { 1 } },
        new BsonDocument("b", 1), new BsonDocument("b", "x"), new BsonArray { new BsonDocument("b", 1), new BsonDocument("c", 2) },
        new BsonDocument { { "b", 1 }, { "c", 1 } }, ObjectId.Parse("5f0000000000000000000001"), new BsonDateTime(5),
    ];

    [Fact]
    public async Task Indexed_and_unindexed_collections_answer_random_queries_identically()
    {
        var random = new Random(424242);
        await using var temp = new TempStore();
        var documents = Enumerable.Range(0, 300).Select(i => RandomDocument(random, i)).ToList();
        await temp.Collection("indexed").CreateIndexesAsync(
        [
            new BsonDocument("key", new BsonDocument("a", 1)),
            new BsonDocument("key", new BsonDocument("a.b", 1)),
            new BsonDocument("key", new BsonDocument { { "a", 1 }, { "k", 1 } }),
            new BsonDocument { { "key", new BsonDocument("k", 1) }, { "sparse", true } },
        ]);
        await temp.InsertAsync("indexed", documents.ToArray());
        await temp.InsertAsync("plain", documents.ToArray());

        var mismatches = new List<string>();
        for (var q = 0; q < 400 && mismatches.Count < 5; q++)
        {
            var filter = RandomFilter(random);
            var indexed = (await temp.Collection("indexed").FindAsync(filter).ToListAsync()).Select(d => d["_id"]).ToList();
            var reference = new List<BsonValue>();
            var matcher = Ferry.Query.Filters.FilterMatcher.Compile(filter);
            await foreach (var raw in temp.Collection("plain").ScanAsync())
            {
                var document = new BsonDocument(raw);
                if (matcher.Matches(document))
                {
                    reference.Add(document["_id"]);
                }
            }

            if (!indexed.SequenceEqual(reference))
            {
                mismatches.Add($"{filter}: indexed [{string.Join(", ", indexed)}] vs scan [{string.Join(", ", reference)}]");
            }
        }

        Assert.Empty(mismatches);
        var usage = await temp.Collection("indexed").GetIndexUsageAsync();
        Assert.True(usage.Where(u => u.Name != "_id_").Sum(u => u.Operations) > 50, "the random queries should mostly use secondary indexes");
    }

    private static BsonDocument RandomDocument(Random random, int i)
    {
        var id = (i % 4) switch
        {
            0 => (BsonValue)i,
            1 => (double)i + 0.5,
            2 => "id" + i,
            _ => (long)i,
        };
        var document = new BsonDocument("_id", id);
        if (random.Next(5) > 0)
        {
            document["a"] = Pool[random.Next(Pool.Length)];
        }

        if (random.Next(2) == 0)
        {
            document["k"] = Pool[random.Next(12)]; // scalars only: a compound index cannot hold two arrays
        }

        return document;
    }

    private static BsonDocument RandomFilter(Random random)
    {
        BsonValue Value() => Pool[random.Next(Pool.Length)];
        return random.Next(8) switch
        {
            0 => new BsonDocument("a", Value()),
            1 => new BsonDocument("a", new BsonDocument("$in", new BsonArray { Value(), Value() })),
            2 => new BsonDocument("a.b", Value()),
            3 => new BsonDocument { { "a", Value() }, { "k", Value() } },
            4 => new BsonDocument("k", Value()),
            5 => new BsonDocument("_id", new BsonDocument(random.Next(2) == 0 ? "$gt" : "$lte", random.Next(2) == 0 ? random.Next(300) : "id" + random.Next(300))),
            6 => new BsonDocument("_id", new BsonDocument("$in", new BsonArray { random.Next(300), (double)random.Next(300) + 0.5, "id" + random.Next(300) })),
            _ => new BsonDocument("$and", new BsonArray { new BsonDocument("a", Value()), new BsonDocument("_id", new BsonDocument("$gte", random.Next(300))) }),
        };
    }
}
