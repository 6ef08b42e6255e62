using Ferry.Query.Common;

namespace Ferry.Query.Aggregation;

/// <summary>What one execution of a pipeline shares across its stages: the context, the source of other
/// collections (null for pipeline-style updates), and the fixed $$NOW.</summary>
internal sealed class PipelineRun(QueryContext context, IPipelineSource? source, DateTime now)
{
    public QueryContext Context { get; } = context;

    public IPipelineSource? Source { get; } = source;

    public DateTime Now { get; } = now;

    public IPipelineSource RequireSource(string stage) =>
        Source ?? throw ErrorCodes.Bad(stage + " is not allowed to be used within an update");
}
