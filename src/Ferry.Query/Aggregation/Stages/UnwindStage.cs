using System.Runtime.CompilerServices;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// $unwind: one output document per array element. A non-array value passes as if it were a one-element
/// array; null, missing and empty arrays produce nothing unless preserveNullAndEmptyArrays (then the document
/// passes, an empty array's field removed). includeArrayIndex records the element's index (null when none).
/// </summary>
internal sealed class UnwindStage(string[] path, string[]? indexField, bool preserve) : PipelineStage
{
    public override string Name => "$unwind";

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var output in Unwind(document))
            {
                yield return output;
            }
        }
    }

    private IEnumerable<BsonDocument> Unwind(BsonDocument document)
    {
        var value = DocumentPaths.Get(document, path);
        switch (value)
        {
            case BsonArray { Count: > 0 } array:
                for (var i = 0; i < array.Count; i++)
                {
                    var output = DocumentPaths.With(document, path, array[i]);
                    yield return WithIndex(output, new BsonInt64(i));
                }

                break;
            case BsonArray:
                if (preserve)
                {
                    yield return WithIndex(DocumentPaths.With(document, path, null), BsonNull.Value);
                }

                break;
            case null:
            case BsonNull:
            case BsonUndefined:
                if (preserve)
                {
                    yield return WithIndex(document, BsonNull.Value);
                }

                break;
            default:
                yield return WithIndex(document, BsonNull.Value);
                break;
        }
    }

    private BsonDocument WithIndex(BsonDocument document, BsonValue index) =>
        indexField is null ? document : DocumentPaths.With(document, indexField, index);
}
