using Ferry.Query.Aggregation;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
using Ferry.Query.Filters;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates;

/// <summary>
/// A parsed update with MongoDB's semantics: an update document with operators (parsed once into MongoDB's update
/// tree, so conflicts and bad operands fail before any document is touched), a replacement document, or a pipeline.
/// Both stores apply updates through it, so the embedded store behaves like MongoDB.
/// </summary>
public sealed class UpdateSpec
{
    private readonly UpdateObjectNode? _tree;
    private readonly BsonDocument? _replacement;
    private readonly AggregationPipeline? _pipeline;
    private readonly DateTime _now;
    private readonly IReadOnlyDictionary<string, FilterMatcher> _arrayFilters;
    private readonly QueryContext _context;

    private UpdateSpec(UpdateObjectNode? tree, BsonDocument? replacement, AggregationPipeline? pipeline,
        IReadOnlyDictionary<string, FilterMatcher> arrayFilters, QueryContext context)
    {
        // $$NOW is one instant for the whole update command, as in MongoDB.
        _now = AggregationExpression.Now(context);
        _tree = tree;
        _replacement = replacement;
        _pipeline = pipeline;
        _arrayFilters = arrayFilters;
        _context = context;
    }

    /// <summary>True for a replacement document (no operators).</summary>
    public bool IsReplacement => _replacement is not null;

    /// <summary>Parses an update document (<c>{ $set: … }</c>), a replacement (a document whose first field does not
    /// start with '$') or a pipeline (<see cref="BsonArray"/>); a bad update throws <see cref="MqlException"/> with
    /// MongoDB's code (e.g. 9 FailedToParse for an unknown operator, 40 for conflicting paths).</summary>
    public static UpdateSpec Parse(BsonValue update, IReadOnlyList<BsonDocument>? arrayFilters = null, QueryContext? context = null)
    {
        context ??= QueryContext.Default;
        var filters = ArrayFilterSet.Parse(arrayFilters, context);
        switch (update)
        {
            case BsonArray pipeline:
                if (arrayFilters is { Count: > 0 })
                {
                    throw ErrorCodes.Parse("arrayFilters may not be specified for pipeline-style updates");
                }

                var parsed = AggregationPipeline.Parse(pipeline, context);
                parsed.EnsureUpdateStagesOnly();
                return new UpdateSpec(null, null, parsed, filters, context);
            case BsonDocument doc when doc.ElementCount == 0 || !doc.GetElement(0).Name.StartsWith('$'):
                return Replacement(doc);
            case BsonDocument doc:
                return new UpdateSpec(UpdateParser.Parse(doc, filters, context), null, null, filters, context);
            default:
                throw ErrorCodes.Parse("Update argument must be either an object or an array");
        }
    }

    /// <summary>A replacement document; field names starting with '$' are rejected as MongoDB does.</summary>
    public static UpdateSpec Replacement(BsonDocument replacement)
    {
        StorageValidation.CheckDocument(replacement, allowTopLevelDollarPrefixes: false);
        return new UpdateSpec(null, replacement, null, new Dictionary<string, FilterMatcher>(), QueryContext.Default);
    }

    /// <summary>Applies the update to a copy of <paramref name="document"/>. <paramref name="details"/> carries the array
    /// position matched by the filter for the positional <c>$</c>; <paramref name="isUpsertInsert"/> enables <c>$setOnInsert</c>.
    /// Changing <c>_id</c> throws ImmutableField (66).</summary>
    public UpdateOutcome Apply(BsonDocument document, MatchDetails? details = null, bool isUpsertInsert = false) =>
        Apply(document, details, isUpsertInsert, validateForStorage: !isUpsertInsert);

    /// <summary>The document an upsert inserts when nothing matched: the filter's equality fields, then the update
    /// applied as an insert (with <c>$setOnInsert</c>). The caller adds an <c>_id</c> when it has none.</summary>
    public BsonDocument BuildUpsertDocument(BsonDocument filter)
    {
        var seed = UpsertSeed.Build(filter, onlyId: IsReplacement, _context);
        var created = Apply(seed, null, isUpsertInsert: true, validateForStorage: false).Document;
        if (created.TryGetValue("_id", out var id))
        {
            if (created.IndexOfName("_id") != 0)
            {
                created.Remove("_id");
                created.InsertAt(0, new BsonElement("_id", id));
            }

            if (id is BsonArray)
            {
                throw ErrorCodes.Create(ErrorCodes.NotSingleValueField,
                    "After applying the update to the document, the field '_id' was found to be an array or array descendant.");
            }

            StorageValidation.CheckId(id);
        }

        return created;
    }

    private UpdateOutcome Apply(BsonDocument document, MatchDetails? details, bool isUpsertInsert, bool validateForStorage)
    {
        if (_replacement is not null)
        {
            return ReplacementUpdate.Apply(document, _replacement);
        }

        if (_pipeline is not null)
        {
            var transformed = _pipeline.ApplyUpdateStages(document.DeepClone().AsBsonDocument, _now);
            return ReplacementUpdate.FromPipelineResult(document, transformed);
        }

        var result = document.DeepClone().AsBsonDocument;
        var context = new ApplyContext
        {
            Document = result,
            MatchedField = details?.ArrayPosition?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IsInsert = isUpsertInsert,
            Query = _context,
            ArrayFilters = _arrayFilters,
            ValidateForStorage = validateForStorage,
        };
        var changed = _tree!.Apply(context, ElementRef.ForRoot(result), [], []);
        return new UpdateOutcome(result, changed && !BsonIdentity.Equal(result, document));
    }
}

/// <summary>The updated document and whether it differs from the original.</summary>
public readonly record struct UpdateOutcome(BsonDocument Document, bool Modified);
