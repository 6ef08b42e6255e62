using Ferry.Core.Quarantine;
using Ferry.Core.Storage;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Transform;

/// <summary>
/// <c>map_id</c> through parents that keep their ids and parents given new ids: references resolve with MongoDB's
/// equality (a double 1.0 refers to the int 1), orphans are quarantined, and a dry run agrees with the real run.
/// </summary>
public sealed class ReferenceMappingTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-reference-tests", Guid.NewGuid().ToString("N"));
    private IDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await new EmbeddedStoreProvider().OpenAsync("file:" + _folder);
        var source = _store.GetDatabase("src");
        await source.GetCollection("parents").BulkWriteAsync(
            [new InsertRequest(new BsonDocument { { "_id", 1 }, { "name", "a" } }), new InsertRequest(new BsonDocument { { "_id", 2 }, { "name", "b" } })]);
        await source.GetCollection("children").BulkWriteAsync(
        [
            new InsertRequest(new BsonDocument { { "_id", 10 }, { "p", 1.0 } }),
            new InsertRequest(new BsonDocument { { "_id", 11 }, { "p", 2 } }),
            new InsertRequest(new BsonDocument { { "_id", 12 }, { "p", 3 } }),
            new InsertRequest(new BsonDocument { { "_id", 13 }, { "p", new BsonArray { 2, 1L } } }),
        ]);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task References_to_a_parent_that_keeps_its_ids_stay_as_they_are_and_orphans_are_quarantined()
    {
        var target = _store.GetDatabase("kept");

        var result = await new TransformEngine(new TransformOptions { Partitions = 2 }).RunAsync(_store.GetDatabase("src"), target, Rules("keep"));

        var children = await AllAsync(target.GetCollection("children"));
        Assert.Equal(
            new BsonValue[] { new BsonDouble(1.0), new BsonInt32(2), new BsonArray { 2, 1L } }.Select(v => v.ToJson()).Order(),
            children.Select(c => c["p"].ToJson()).Order()); // children get new (hash-derived) ids: compare as a set
        Assert.Equal(1, result.Collections.Single(c => c.Target == "children").Quarantined);
        var quarantined = await AllAsync(target.GetCollection(QuarantineStore.CollectionName));
        Assert.Equal(12, Assert.Single(quarantined)["document"]["_id"].AsInt32);
    }

    [Fact]
    public async Task References_to_a_parent_given_new_ids_point_at_its_new_ids_whatever_the_numeric_type()
    {
        var target = _store.GetDatabase("renewed");

        var result = await new TransformEngine(new TransformOptions { Partitions = 2 }).RunAsync(_store.GetDatabase("src"), target, Rules("new"));

        var one = new BsonObjectId(DeterministicIds.For("parents", 1));
        var two = new BsonObjectId(DeterministicIds.For("parents", 2));
        Assert.Equal([one, two], (await AllAsync(target.GetCollection("parents"))).Select(p => p["_id"]).Order());
        var children = await AllAsync(target.GetCollection("children"));
        Assert.Equal(
            new BsonValue[] { one, two, new BsonArray { two, one } }.Select(v => v.ToJson()).Order(),
            children.Select(c => c["p"].ToJson()).Order());
        Assert.Equal(1, result.Collections.Single(c => c.Target == "children").Quarantined);
    }

    [Fact]
    public async Task Only_collections_some_map_id_refers_to_record_their_new_ids_in_the_id_map()
    {
        var target = _store.GetDatabase("mapped-only");

        await new TransformEngine(new TransformOptions { Partitions = 2 }).RunAsync(_store.GetDatabase("src"), target, Rules("new"));

        // parents are referenced by children's map_id: both entries; children are referenced by nothing: none
        // (their new ids are a pure function of the source id, so no resume or reference needs them).
        var entries = await AllAsync(target.GetCollection(IdMap.CollectionName));
        Assert.Equal(["parents", "parents"], entries.Select(e => e["_id"]["c"].AsString));
        Assert.Equal(3, await target.GetCollection("children").CountAsync());
    }

    [Theory]
    [InlineData("keep")]
    [InlineData("new")]
    public async Task A_dry_run_resolves_references_as_the_real_run_does(string ids)
    {
        var dry = await new TransformEngine(new TransformOptions { DryRun = true }).RunAsync(_store.GetDatabase("src"), _store.GetDatabase("dry"), Rules(ids));
        var real = await new TransformEngine(new TransformOptions()).RunAsync(_store.GetDatabase("src"), _store.GetDatabase("real-" + ids), Rules(ids));

        Assert.Equal(
            real.Collections.Select(c => (c.Target, c.Written, c.Quarantined)),
            dry.Collections.Select(c => (c.Target, c.Written, c.Quarantined)));
        Assert.Equal((3, 1), (real.Collections[1].Written, real.Collections[1].Quarantined));
    }

    [Fact]
    public async Task A_copied_subdocument_can_be_extended_by_a_later_field_without_touching_the_source()
    {
        var source = _store.GetDatabase("src");
        await source.GetCollection("nested").BulkWriteAsync([new InsertRequest(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("x", 1) } })]);
        var rules = TransformRulesParser.Parse(
            """
            version: 1
            collections:
              nested:
                id: keep
                fields:
                  a: { from: a }
                  a.y: 2
            """,
            "nested.yaml");

        await new TransformEngine(new TransformOptions()).RunAsync(source, _store.GetDatabase("nested-out"), rules);

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument { { "x", 1 }, { "y", 2 } } } }, Assert.Single(await AllAsync(_store.GetDatabase("nested-out").GetCollection("nested"))));
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("x", 1) } }, Assert.Single(await AllAsync(source.GetCollection("nested"))));
    }

    [Fact]
    public async Task A_constant_subdocument_extended_by_a_field_is_a_copy_per_document()
    {
        var source = _store.GetDatabase("src");
        await source.GetCollection("settings").BulkWriteAsync(
            [new InsertRequest(new BsonDocument { { "_id", 1 }, { "n", "a" } }), new InsertRequest(new BsonDocument { { "_id", 2 }, { "n", "b" } })]);
        var rules = TransformRulesParser.Parse(
            """
            version: 1
            collections:
              settings:
                id: keep
                fields:
                  c: { value: { fixed: true } }
                  c.name: { from: n }
            """,
            "constant.yaml");

        await new TransformEngine(new TransformOptions()).RunAsync(source, _store.GetDatabase("settings-out"), rules);

        var produced = await AllAsync(_store.GetDatabase("settings-out").GetCollection("settings"));
        Assert.Equal(
            [new BsonDocument { { "fixed", true }, { "name", "a" } }, new BsonDocument { { "fixed", true }, { "name", "b" } }],
            produced.Select(d => d["c"].AsBsonDocument));
        Assert.Equal(new BsonDocument("fixed", true), rules.Collections[0].Fields[0].Constant);
    }

    [Fact]
    public async Task A_document_the_target_refuses_is_quarantined_with_the_reason_and_its_children_with_it()
    {
        var source = _store.GetDatabase("src");
        await source.GetCollection("accounts").BulkWriteAsync(
        [
            new InsertRequest(new BsonDocument { { "_id", ObjectId.Parse("650000000000000000000001") }, { "email", "Ann@X.com" } }),
            new InsertRequest(new BsonDocument { { "_id", ObjectId.Parse("650000000000000000000002") }, { "email", "ann@x.com" } }),
            new InsertRequest(new BsonDocument { { "_id", ObjectId.Parse("650000000000000000000003") }, { "email", "bob@x.com" } }),
        ]);
        await source.GetCollection("posts").BulkWriteAsync(
        [
            new InsertRequest(new BsonDocument { { "_id", 1 }, { "account", ObjectId.Parse("650000000000000000000001") } }),
            new InsertRequest(new BsonDocument { { "_id", 2 }, { "account", ObjectId.Parse("650000000000000000000002") } }),
        ]);
        var target = _store.GetDatabase("unique-out");
        await target.GetCollection("accounts").CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("email", 1) }, { "name", "email_1" }, { "unique", true } }]);
        var rules = TransformRulesParser.Parse(
            """
            version: 1
            collections:
              accounts:
                id: new
                fields:
                  email: { from: email, apply: [lower] }
              posts:
                id: new
                copy_unlisted: true
                fields:
                  account: { from: account, map_id: accounts }
            """,
            "unique.yaml");

        var result = await new TransformEngine(new TransformOptions { Partitions = 1 }).RunAsync(source, target, rules);

        Assert.Equal("completed", result.Status);
        Assert.Equal((2L, 1L), (result.Collections[0].Written, result.Collections[0].Quarantined));
        Assert.Equal((1L, 1L), (result.Collections[1].Written, result.Collections[1].Quarantined));
        var quarantined = await AllAsync(target.GetCollection(QuarantineStore.CollectionName));
        var refusedAccount = quarantined.Single(q => q["collection"] == "accounts");
        Assert.Equal(ObjectId.Parse("650000000000000000000002"), refusedAccount["document"]["_id"].AsObjectId);
        Assert.StartsWith("the target refused it: E11000 duplicate key error collection: unique-out.accounts index: email_1 dup key", refusedAccount["reason"].AsString);
        Assert.Equal(2, quarantined.Single(q => q["collection"] == "posts")["document"]["_id"].AsInt32);
        Assert.Equal(2, await target.GetCollection(IdMap.CollectionName).CountAsync(new BsonDocument("_id.c", "accounts")));
    }

    private static TransformRules Rules(string parentIds) => TransformRulesParser.Parse(
        $$"""
        version: 1
        collections:
          parents:
            source: parents
            id: {{parentIds}}
            copy_unlisted: true
          children:
            source: children
            id: new
            copy_unlisted: true
            fields:
              p: { from: p, map_id: parents }
        """,
        "references.yaml");

    private static async Task<List<BsonDocument>> AllAsync(IDocumentCollection collection)
    {
        var documents = new List<BsonDocument>();
        await foreach (var document in collection.FindAsync(new BsonDocument()))
        {
            documents.Add(document);
        }

        return documents;
    }
}
