using Ferry.Query.Aggregation;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Aggregation;

/// <summary>An <see cref="IPipelineSource"/> over in-memory collections; counts reads so tests can check "read once".</summary>
internal sealed class InMemorySource : IPipelineSource
{
    private readonly Dictionary<string, List<BsonDocument>> _collections = [];

    public Dictionary<string, int> Reads { get; } = [];

    public InMemorySource With(string name, params string[] documents)
    {
        _collections[name] = documents.Select(BsonDocument.Parse).ToList();
        return this;
    }

    public async IAsyncEnumerable<BsonDocument> ReadCollectionAsync(string collection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Reads[collection] = Reads.GetValueOrDefault(collection) + 1;
        await Task.Yield();
        foreach (var document in _collections.GetValueOrDefault(collection) ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return document;
        }
    }
}

/// <summary>Runs pipelines written as relaxed Extended JSON over documents written the same way.</summary>
internal static class Pipelines
{
    public static async Task<List<BsonDocument>> RunAsync(string pipeline, string[] input, InMemorySource? source = null, QueryContext? context = null)
    {
        var parsed = AggregationPipeline.Parse(BsonSerializerArray(pipeline), context);
        var results = new List<BsonDocument>();
        await foreach (var d in parsed.ExecuteAsync(input.Select(BsonDocument.Parse).ToAsyncEnumerable(), source ?? new InMemorySource()))
        {
            results.Add(d);
        }

        return results;
    }

    /// <summary>Asserts the output documents, in order, as relaxed JSON.</summary>
    public static async Task YieldsAsync(string[] expected, string pipeline, string[] input, InMemorySource? source = null)
    {
        var results = await RunAsync(pipeline, input, source);
        Assert.Equal(expected.Select(e => BsonDocument.Parse(e).ToJson()), results.Select(r => r.ToJson()));
    }

    public static async Task<MqlException> FailsAsync(int code, string pipeline, params string[] input)
    {
        var error = await Assert.ThrowsAsync<MqlException>(() => RunAsync(pipeline, input));
        Assert.Equal(code, error.Code);
        return error;
    }

    public static BsonArray BsonSerializerArray(string json) => BsonDocument.Parse("{ p: " + json + " }")["p"].AsBsonArray;
}
