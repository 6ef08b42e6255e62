using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>A complexity score with the reasons that make it up (each reason adds its points) and a level.</summary>
public sealed record Complexity(int Score, IReadOnlyList<string> Reasons, string? FixedLevel = null)
{
    /// <summary>low (≤ 3), medium (≤ 8) or high; an overall score takes its collections' highest level instead.</summary>
    public string Level => FixedLevel ?? Score switch
    {
        <= 3 => "low",
        <= 8 => "medium",
        _ => "high",
    };

    public BsonDocument ToBson() => new() { { "score", Score }, { "level", Level }, { "reasons", new BsonArray(Reasons) } };
}
