namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>
/// A recorded case whose result is not MongoDB's: the reason, and what the test asserts instead (MongoDB's
/// behaviour), or <see cref="Skip"/> when the case cannot apply to <c>UpdateSpec</c> at all.
/// </summary>
internal sealed record KnownDifference(string Reason)
{
    /// <summary>Not applicable: the test is skipped with <see cref="Reason"/>.</summary>
    public bool Skip { get; init; }

    /// <summary>Replaces the case's update text (e.g. where the recording had to escape a key).</summary>
    public string? UpdateOverride { get; init; }

    /// <summary>MongoDB's outcome, when it differs from the recording.</summary>
    public CaseCheck? Check { get; init; }

    public string? Expected { get; init; }

    /// <summary>MongoDB's error code, asserted when <see cref="Check"/> is an error.</summary>
    public int? Code { get; init; }
}

/// <summary>
/// The one place listing where the recorded DocumentDB results disagree with MongoDB (or cannot apply), each with the
/// reason. Sources: MongoDB's update operator documentation and server behaviour (src/mongo/db/update).
/// </summary>
internal static class KnownDifferences
{
    private static readonly Dictionary<string, KnownDifference> Differences = new(StringComparer.Ordinal)
    {
    };

    public static IReadOnlyDictionary<string, KnownDifference> All => Differences;

    public static KnownDifference? For(string caseId) => Differences.GetValueOrDefault(caseId);
}
