using System.Runtime.CompilerServices;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>$sample: N documents chosen uniformly at random (reservoir sampling, so memory holds only N), in random order.</summary>
internal sealed class SampleStage(long size) : PipelineStage
{
    public override string Name => "$sample";

    public static SampleStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Create(28745, "the $sample stage specification must be an object");
        }

        long? size = null;
        foreach (var element in d)
        {
            if (element.Name != "size")
            {
                throw ErrorCodes.Create(28748, "unrecognized option to $sample: " + element.Name);
            }

            if (!element.Value.IsNumeric)
            {
                throw ErrorCodes.Create(28746, "size argument to $sample must be a number");
            }

            size = (long)element.Value.ToDouble();
            if (size < 0)
            {
                throw ErrorCodes.Create(28747, "size argument to $sample must not be negative");
            }
        }

        return new SampleStage(size ?? throw ErrorCodes.Create(28749, "$sample stage must specify a size"));
    }

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
