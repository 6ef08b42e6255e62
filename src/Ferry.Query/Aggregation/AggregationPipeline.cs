using Ferry.Query.Aggregation.Stages;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation;

/// <summary>
/// A parsed aggregation pipeline with MongoDB's semantics, executed as a stream over its input: streaming
/// stages pass documents one by one; blocking stages ($group, $sort, $facet) hold at most
/// <see cref="QueryContext.MemoryLimitBytes"/> (error 292 beyond it); $sort followed by $limit keeps only the top N.
/// Parsing validates every stage and expression, so a bad pipeline fails before any document is read.
/// </summary>
public sealed class AggregationPipeline
{
    private static readonly HashSet<string> UpdateStages = ["$addFields", "$set", "$project", "$unset", "$replaceRoot", "$replaceWith"];

    private readonly List<PipelineStage> _stages;
    private readonly QueryContext _context;

    private AggregationPipeline(List<PipelineStage> stages, QueryContext context)
    {
        _stages = stages;
        _context = context;
    }

    /// <summary>A leading <c>$match</c> the store may push into its scan (null when the pipeline starts otherwise).
    /// <see cref="ExecuteAsync(IAsyncEnumerable{BsonDocument}, IPipelineSource, CancellationToken)"/> still applies it;
    /// use <see cref="WithoutLeadingFilter"/> to skip it once the scan has.</summary>
    public BsonDocument? LeadingFilter => _stages.Count > 0 && _stages[0] is MatchStage match ? match.Filter : null;

    /// <summary>The names of the stages as parsed ($sortByCount and $bucket appear as $group + $sort).</summary>
    public IReadOnlyList<string> StageNames => _stages.Select(s => s.Name).ToList();

    /// <summary>Parses stages; an unknown stage throws <see cref="MqlException"/> (40324 Unrecognized pipeline stage name).</summary>
    public static AggregationPipeline Parse(BsonArray stages, QueryContext? context = null)
    {
        context ??= QueryContext.Default;
        var parsed = new List<PipelineStage>();
        foreach (var stage in stages)
        {
            parsed.AddRange(StageParser.Parse(stage, context));
        }

        // $sort directly followed by $limit keeps only the top documents (MongoDB's sort/limit coalescence).
        for (var i = 0; i + 1 < parsed.Count; i++)
        {
            if (parsed[i] is SortStage sort && parsed[i + 1] is LimitStage limit && limit.Limit <= int.MaxValue / 4)
            {
                sort.Limit = limit.Limit;
            }
        }

        return new AggregationPipeline(parsed, context);
    }

    /// <summary>This pipeline minus its leading $match (for a store that already filtered its scan with <see cref="LeadingFilter"/>).</summary>
    public AggregationPipeline WithoutLeadingFilter() =>
        LeadingFilter is null ? this : new AggregationPipeline(_stages.Skip(1).ToList(), _context);

    public IAsyncEnumerable<BsonDocument> ExecuteAsync(IAsyncEnumerable<BsonDocument> input, IPipelineSource source, CancellationToken cancellationToken = default) =>
        ExecuteAsync(input, source, AggregationExpression.Now(_context), cancellationToken);

    /// <summary>Executes with a fixed $$NOW (sub-pipelines share their parent's).</summary>
    internal IAsyncEnumerable<BsonDocument> ExecuteAsync(IAsyncEnumerable<BsonDocument> input, IPipelineSource? source, DateTime now, CancellationToken cancellationToken)
    {
        var run = new PipelineRun(_context, source, now);
        var stream = input;
        foreach (var stage in _stages)
        {
            stream = stage.RunAsync(stream, run, cancellationToken);
        }

        return stream;
    }

    /// <summary>Throws unless every stage may appear in a pipeline-style update ($addFields/$set, $project/$unset,
    /// $replaceRoot/$replaceWith); the error is 2 BadValue "&lt;stage&gt; is not allowed to be used within an update".</summary>
    public void EnsureUpdateStagesOnly()
    {
        foreach (var stage in _stages)
        {
            if (!UpdateStages.Contains(stage.Name))
            {
                throw ErrorCodes.Bad(stage.Name + " is not allowed to be used within an update");
            }
        }
    }

    /// <summary>Runs the stages allowed in a pipeline-style update ($addFields/$set, $project/$unset,
    /// $replaceRoot/$replaceWith) on one document.</summary>
    public BsonDocument ApplyUpdateStages(BsonDocument document) => ApplyUpdateStages(document, AggregationExpression.Now(_context));

    /// <summary>As <see cref="ApplyUpdateStages(BsonDocument)"/> with a fixed $$NOW, so every document of one update sees the same instant.</summary>
    public BsonDocument ApplyUpdateStages(BsonDocument document, DateTime now)
    {
        EnsureUpdateStagesOnly();
        var run = new PipelineRun(_context, null, now);
        foreach (var stage in _stages)
        {
            document = ((DocumentStage)stage).Apply(document, run)!;
        }

        return document;
    }
}
