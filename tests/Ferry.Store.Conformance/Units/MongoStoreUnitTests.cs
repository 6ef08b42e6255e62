using System.Diagnostics;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Store.Conformance.Targets;
using Ferry.Store.Mongo;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Units;

/// <summary>Parts of the MongoDB store that need no server: URIs, errors, batching, names, splits, topology.</summary>
public sealed class MongoStoreUnitTests
{
    [Theory]
    [InlineData("mongodb://localhost", true)]
    [InlineData("MONGODB+SRV://c.example.net", true)]
    [InlineData("file:/tmp/x", false)]
    [InlineData("mongo://host", false)]
    public void Provider_claims_mongodb_schemes_only(string uri, bool expected)
    {
        using var provider = new MongoStoreProvider();

        Assert.Equal(expected, provider.CanOpen(uri));
    }

    [Fact]
    public async Task Unreachable_server_fails_within_the_selection_timeout_with_one_redacted_line()
    {
        using var provider = new MongoStoreProvider();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<UserInputException>(
            () => provider.OpenAsync("mongodb://admin:hunter2@127.0.0.1:1/?serverSelectionTimeoutMS=1500&connectTimeoutMS=500"));

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        // The last error is the operating system's text for the refused connection ("Connection refused" on Linux).
        Assert.Matches(
            @"^--uri mongodb://admin:\*\*\*@127\.0\.0\.1:1/\?serverSelectionTimeoutMS=1500&connectTimeoutMS=500: no MongoDB server answered at 127\.0\.0\.1:1 within 1\.5 s \(server selection timed out; last error: [^()\r\n]+\); check that the server is running and reachable, or pass --uri mongodb://HOST:PORT \(or set FERRY_URI\); add serverSelectionTimeoutMS=… to the URI to wait longer$",
            error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_uri_is_bad_input_without_the_password()
    {
        using var provider = new MongoStoreProvider();

        var error = await Assert.ThrowsAsync<UserInputException>(() => provider.OpenAsync("mongodb://u:hunter2@host:notaport/"));

        Assert.StartsWith("--uri mongodb://u:***@host:notaport/: not a valid MongoDB URI", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{a: 1}", "a_1")]
    [InlineData("{a: 1, 'b.c': -1}", "a_1_b.c_-1")]
    [InlineData("{t: 'text'}", "t_text")]
    [InlineData("{loc: '2dsphere', n: 1}", "loc_2dsphere_n_1")]
    public void Generated_index_names_follow_MongoDB(string key, string expected)
    {
        Assert.Equal(expected, IndexNames.Generate(Doc.Parse(key)));
    }

    [Fact]
    public void Batches_split_by_count_and_by_bytes()
    {
        var small = Enumerable.Range(0, 25).Select(i => (WriteRequest)new InsertRequest(new BsonDocument("_id", i))).ToList();
        var big = Enumerable.Range(0, 5).Select(i => (WriteRequest)new InsertRequest(new BsonDocument { { "_id", i }, { "s", new string('x', 1000) } })).ToList();

        Assert.Equal([(0, 10), (10, 10), (20, 5)], WriteBatcher.Split(small, maxCount: 10).ToList());
        Assert.Equal([(0, 2), (2, 2), (4, 1)], WriteBatcher.Split(big, maxCount: 100, maxBytes: 2100).ToList());
        Assert.Empty(WriteBatcher.Split([]));
    }

    [Fact]
    public void Size_estimate_matches_the_serialized_size_for_common_types()
    {
        var document = Doc.Parse("{_id: ObjectId('000000000000000000000001'), s: 'héllo', n: 1, l: NumberLong(2), d: 1.5, b: true, z: null, a: [1, 'x'], o: {p: NumberDecimal('1')}, t: ISODate('2020-01-01T00:00:00Z')}");

        Assert.Equal(document.ToBson().Length, BsonSizeEstimator.Estimate(document));
    }

    [Fact]
    public void Split_boundaries_become_consecutive_half_open_ranges_in_bson_order()
    {
        var ranges = MongoSplitter.ToRanges([new BsonString("m"), 5, 5.0, ObjectId.Empty]);

        Assert.Equal(
            [new IdRange(null, 5), new IdRange(5, "m"), new IdRange("m", ObjectId.Empty), new IdRange(ObjectId.Empty, null)],
            ranges);
    }

    [Theory]
    [InlineData("{isWritablePrimary: true, msg: 'isdbgrid'}", "sharded", true)]
    [InlineData("{isWritablePrimary: true, setName: 'rs0', hosts: ['a:1']}", "replicaSet", true)]
    [InlineData("{isWritablePrimary: true, maxWireVersion: 21}", "standalone", false)]
    public void Topology_comes_from_hello(string hello, string kind, bool transactions)
    {
        var topology = MongoTopology.FromHello(Doc.Parse(hello));

        Assert.Equal((kind, transactions), (topology.Kind, topology.SupportsTransactions));
    }
}
