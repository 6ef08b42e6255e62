using System.Runtime.CompilerServices;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
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

    public static UnwindStage Parse(BsonValue spec)
    {
        string? path = null;
        string? index = null;
        var preserve = false;
        if (spec is BsonString s)
        {
            path = s.Value;
        }
        else if (spec is BsonDocument d)
        {
            foreach (var element in d)
            {
                switch (element.Name)
                {
                    case "path":
                        path = element.Value is BsonString p ? p.Value : throw ErrorCodes.Create(28808, "expected a string as the path for $unwind stage, got " + ExpressionErrors.TypeName(element.Value));
                        break;
                    case "includeArrayIndex":
                        index = element.Value is BsonString { Value.Length: > 0 } i ? i.Value
                            : throw ErrorCodes.Create(28810, "expected a non-empty string for the includeArrayIndex  option to $unwind stage, got " + ExpressionErrors.TypeName(element.Value));
                        if (index.StartsWith('$'))
                        {
                            throw ErrorCodes.Create(28822, "includeArrayIndex option to $unwind stage should not be prefixed with a '$': " + index);
                        }

                        break;
                    case "preserveNullAndEmptyArrays":
                        preserve = element.Value is BsonBoolean b ? b.Value
                            : throw ErrorCodes.Create(28809, "expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got " + ExpressionErrors.TypeName(element.Value));
                        break;
                    default:
                        throw ErrorCodes.Create(28811, "unrecognized option to $unwind stage: " + element.Name);
                }
            }

            if (path is null)
            {
                throw ErrorCodes.Create(28812, "no path specified to $unwind stage");
            }
        }
        else
        {
            throw ErrorCodes.Create(15981, "expected either a string or an object as specification for $unwind stage, got " + ExpressionErrors.TypeName(spec));
        }

        if (!path.StartsWith('$') || path.Length < 2)
        {
            throw ErrorCodes.Create(28818, "path option to $unwind stage should be prefixed with a '$': " + path);
        }

        return new UnwindStage(path[1..].Split('.'), index?.Split('.'), preserve);
    }

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
