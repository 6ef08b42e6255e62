using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Runs;

/// <summary>
/// Every public read of the run journal is safe to print: the hashing salt key is masked and store URIs in the spec
/// are redacted, while the stored document keeps the salt (a resume needs it; see the transform resume tests).
/// </summary>
public sealed class RunJournalRedactionTests : IAsyncLifetime
{
    private static readonly byte[] Salt = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-journal-tests", Guid.NewGuid().ToString("N"));
    private IDocumentStore _store = null!;

    private IDocumentDatabase Database => _store.GetDatabase("target");

    public async Task InitializeAsync() => _store = await new EmbeddedStoreProvider().OpenAsync("file:" + _folder);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        if (Directory.Exists(_folder)) // the store makes its folder on first write only
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static BsonDocument Spec() => new()
    {
        { "rules", "users:\n  source: mongodb://not-a-uri-because-this-is-rules-text password=kept" },
        { "source", "mongodb://admin:hunter2@db.example:27017/app?authSource=admin" },
        { "target_db", "target" },
        { "hash_salt_key", new BsonBinaryData(Salt) },
    };

    [Fact]
    public async Task Get_list_start_and_resume_return_the_run_with_the_salt_masked_and_the_uri_redacted()
    {
        var journal = new RunJournal(Database);

        var started = await journal.StartAsync("run-1", "transform", Spec());
        await journal.FinishAsync("run-1", RunStatus.Stopped);
        var got = await journal.GetAsync("run-1");
        var listed = await journal.ListAsync().ToListAsync();
        var resumed = await journal.ResumeAsync("run-1");

        foreach (var run in new[] { started, got!, Assert.Single(listed), resumed })
        {
            var spec = run["spec"].AsBsonDocument;
            Assert.Equal(new BsonString(RunRedaction.Mask), spec["hash_salt_key"]);
            Assert.Equal("mongodb://admin:***@db.example:27017/app?authSource=admin", spec["source"].AsString);
            Assert.Equal(Spec()["rules"], spec["rules"]); // multi-line text is not a URI: shown as written
            Assert.DoesNotContain("hunter2", run.ToJson());
            Assert.DoesNotContain(Convert.ToBase64String(Salt), run.ToJson());
        }
    }

    [Fact]
    public async Task The_stored_run_keeps_the_salt_and_the_redacted_view_is_a_copy()
    {
        var journal = new RunJournal(Database);
        await journal.StartAsync("run-2", "transform", Spec());

        _ = await journal.GetAsync("run-2");
        var stored = await Database.GetCollection(RunJournal.CollectionName).FindOneAsync(new BsonDocument("_id", "run-2"), null);

        Assert.Equal(Salt, stored!["spec"]["hash_salt_key"].AsByteArray);
        Assert.Equal(Spec()["source"], stored["spec"]["source"]);
    }

    [Fact]
    public async Task An_unknown_run_reads_as_null()
    {
        Assert.Null(await new RunJournal(Database).GetAsync("no-such-run"));
    }
}
