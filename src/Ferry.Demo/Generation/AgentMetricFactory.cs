using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>
/// Builds agent metric <c>m</c>: <c>{ _id, agent_type, assessment_id, timestamp, metrics: { execution_time_ms,
/// tokens_used, api_calls, success, cost_usd } }</c>. No defects are planted here: <c>assessment_id</c> always
/// names an existing assessment (<c>m mod assessments</c>).
/// </summary>
internal sealed class AgentMetricFactory(GenerationContext context)
{
    public BsonDocument Create(long index)
    {
        var random = new EntityRandom(context.Seed, Streams.AgentMetrics, index);
        var tokens = random.NextInt64(200, 120_000);
        return new BsonDocument
        {
            { "_id", context.Ids.AgentMetric(index) },
            { "agent_type", random.Pick(Vocabulary.AgentTypes) },
            { "assessment_id", context.Ids.Assessment(index % context.Plan.AssessmentCount) },
            { "timestamp", context.Past(ref random, 60, 90 * GenerationContext.Seconds.Day) },
            {
                "metrics", new BsonDocument
                {
                    { "execution_time_ms", random.Next(50, 120_000) },
                    { "tokens_used", tokens },
                    { "api_calls", random.Next(1, 40) },
                    { "success", random.Chance(94) },
                    { "cost_usd", Math.Round(tokens * 0.00003, 5) },
                }
            },
        };
    }
}
