using System.Net;
using Ferry.Core.Errors;
using Ferry.Query.Common;
using Ferry.Store.Conformance.Targets;
using Ferry.Store.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;

namespace Ferry.Store.Conformance.Units;

/// <summary>Driver exceptions become Ferry's errors: server codes kept, connection problems one clear line.</summary>
public sealed class MongoErrorMappingTests
{
    private static readonly ConnectionId Connection = new(new ServerId(new ClusterId(), new DnsEndPoint("db.example.com", 27017)));

    private static MongoErrorTranslator Translator() =>
        new("mongodb://app:***@db.example.com:27017/", "db.example.com:27017", TimeSpan.FromSeconds(10));

    [Fact]
    public void Command_errors_keep_the_server_code_code_name_and_message()
    {
        var reply = Doc.Parse("{ok: 0, code: 48, codeName: 'NamespaceExists', errmsg: 'Collection db.people already exists.'}");
        var ex = new MongoCommandException(Connection, "Command create failed", Doc.Parse("{create: 'people'}"), reply);

        var translated = Assert.IsType<MqlException>(Translator().Translate(ex));

        Assert.Equal((48, "NamespaceExists", "Collection db.people already exists."), (translated.Code, translated.CodeName, translated.Message));
    }

    [Fact]
    public void Authentication_failure_is_bad_input_naming_the_redacted_uri_and_auth_source()
    {
        var translated = Assert.IsType<UserInputException>(Translator().Translate(new MongoAuthenticationException(Connection, "Unable to authenticate using sasl protocol mechanism SCRAM-SHA-256.")));

        Assert.Equal("--uri mongodb://app:***@db.example.com:27017/: authentication failed at db.example.com:27017; check the user name, password and authSource (e.g. mongodb://USER:PASSWORD@HOST/?authSource=admin)", translated.Message);
    }

    [Fact]
    public void Server_selection_timeout_is_one_line_saying_what_timed_out()
    {
        var translated = Assert.IsType<UserInputException>(Translator().Translate(new TimeoutException("A timeout occurred after 10000ms selecting a server using CompositeServerSelector…")));

        Assert.DoesNotContain('\n', translated.Message);
        Assert.Contains("no MongoDB server answered at db.example.com:27017 within 10 s (server selection timed out)", translated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_exceptions_pass_through_unchanged()
    {
        var original = new InvalidOperationException("x");

        Assert.Same(original, Translator().Translate(original));
    }

    [Fact]
    public void Ordered_batch_failure_counts_inserted_ids_only_before_the_failed_request()
    {
        var accumulator = new ResultAccumulator();
        for (var i = 0; i < 4; i++)
        {
            accumulator.PendingInsertIds[10 + i] = i;
        }

        var partial = new BulkWriteResult<BsonDocument>.Acknowledged(4, 0, 0, 1, 0, [], []);
        accumulator.Add(partial, start: 10, count: 4, failedIndexes: new HashSet<int> { 1 }, stopIndex: 1);
        var result = accumulator.ToResult();

        Assert.Equal(1, result.InsertedCount);
        Assert.Equal([10], result.InsertedIds.Keys.ToList());
    }

    [Fact]
    public void Unordered_batches_add_up_and_skip_only_failed_requests()
    {
        var accumulator = new ResultAccumulator();
        foreach (var index in new[] { 0, 1, 2, 5 })
        {
            accumulator.PendingInsertIds[index] = index;
        }

        accumulator.Add(new BulkWriteResult<BsonDocument>.Acknowledged(3, 0, 0, 2, 0, [], []), start: 0, count: 3, failedIndexes: new HashSet<int> { 1 }, stopIndex: null);
        accumulator.Add(new BulkWriteResult<BsonDocument>.Acknowledged(3, 1, 1, 1, 1, [], []), start: 3, count: 3, failedIndexes: null, stopIndex: null);
        var result = accumulator.ToResult();

        Assert.Equal((3L, 1L, 1L, 1L), (result.InsertedCount, result.MatchedCount, result.ModifiedCount, result.DeletedCount));
        Assert.Equal([0, 2, 5], result.InsertedIds.Keys.Order().ToList());
    }
}
