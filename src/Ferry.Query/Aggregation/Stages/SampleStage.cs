using System.Runtime.CompilerServices;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>$sample: N documents chosen uniformly at random (reservoir sampling, so memory holds only N), in random order.</summary>
internal sealed class SampleStage(long size) : PipelineStage
{
    public override string Name => "$sample";

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var random = new Random();
        var reservoir = new List<BsonDocument>();
        long seen = 0;
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            seen++;
            if (reservoir.Count < size)
            {
                reservoir.Add(document);
            }
            else
            {
                var slot = random.NextInt64(seen);
                if (slot < size)
                {
                    reservoir[(int)slot] = document;
                }
            }
        }

        // Shuffle so the output order is random too, as MongoDB's is.
        for (var i = reservoir.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (reservoir[i], reservoir[j]) = (reservoir[j], reservoir[i]);
        }

        foreach (var document in reservoir)
        {
            yield return document;
        }
    }
}
