using MongoDB.Bson;

namespace Ferry.Core.Troubleshooting;

/// <summary>Something that needs attention, with the command that fixes it when there is one.</summary>
public sealed record TroubleFinding(string Kind, string Message, string? Fix = null)
{
    public BsonDocument ToBson() => new()
    {
        { "kind", Kind },
        { "message", Message },
        { "fix", Fix is null ? BsonNull.Value : Fix },
    };
}

/// <summary>
/// What <c>ferry troubleshoot memory|performance|integrity</c> found: the facts measured, the findings that need
/// attention (exit 1 when there is any), and recommendations computed from the facts.
/// </summary>
public sealed record TroubleshootReport(string Area, BsonDocument Facts, IReadOnlyList<TroubleFinding> Findings, IReadOnlyList<string> Recommendations)
{
    public bool NeedsAttention => Findings.Count > 0;

    public BsonDocument ToBson() => new()
    {
        { "area", Area },
        { "needs_attention", NeedsAttention },
        { "facts", Facts },
        { "findings", new BsonArray(Findings.Select(f => f.ToBson())) },
        { "recommendations", new BsonArray(Recommendations) },
    };
}
