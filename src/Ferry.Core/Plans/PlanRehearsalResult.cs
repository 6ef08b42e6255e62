using System.Globalization;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>One rehearsed step: how long it took on the backup and how long it should take on the real store.</summary>
public sealed record RehearsedStep(string Name, string Verb, string Status, long? DurationMs, long? EstimatedMs, string? Summary)
{
    public BsonDocument ToBson() => new()
    {
        { "name", Name },
        { "verb", Verb },
        { "status", Status },
        { "durationMs", DurationMs is { } d ? d : BsonNull.Value },
        { "estimatedMs", EstimatedMs is { } e ? e : BsonNull.Value },
        { "summary", Summary is null ? BsonNull.Value : UriRedactor.RedactText(Summary) },
    };
}

/// <summary>
/// What <c>ferry rehearse</c> found: the plan run on the restored backup (its status, reason, the threshold it
/// crossed), each step's duration with the estimate for the real store, the validation outcome, and what the
/// estimate is based on. <see cref="WouldSucceed"/> is the plan run completing.
/// </summary>
public sealed record PlanRehearsalResult(PlanRunResult Run, string Backup, IReadOnlyList<RehearsedStep> Steps)
{
    /// <summary>"real store" when the real store was counted, otherwise "backup" with <see cref="EstimateNote"/> saying why.</summary>
    public required string EstimateBasis { get; init; }

    public string? EstimateNote { get; init; }

    public IReadOnlyDictionary<string, long> RehearsedDocuments { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> RealDocuments { get; init; } = new Dictionary<string, long>();

    /// <summary>The folder of the rehearsal store when it was kept (--keep); null when it was deleted.</summary>
    public string? KeptStore { get; init; }

    public bool WouldSucceed => Run.Status == RunStatus.Completed;

    public long DurationMs => Steps.Sum(s => s.DurationMs ?? 0);

    public long EstimatedMs => Steps.Sum(s => s.EstimatedMs ?? s.DurationMs ?? 0);

    /// <summary>The validate steps: passed or not, with their summaries.</summary>
    public IEnumerable<RehearsedStep> Validation => Steps.Where(s => s.Verb == PlanVerbs.Validate);

    public BsonDocument ToBson() => new()
    {
        { "ok", WouldSucceed },
        { "runId", Run.RunId },
        { "status", Run.Status },
        { "reason", Run.Reason is null ? BsonNull.Value : UriRedactor.RedactText(Run.Reason) },
        { "thresholdCrossed", Run.Crossed is null ? BsonNull.Value : UriRedactor.RedactText(Run.Crossed) },
        { "backup", UriRedactor.RedactText(Backup) },
        { "steps", new BsonArray(Steps.Select(s => s.ToBson())) },
        { "validation", new BsonArray(Validation.Select(v => new BsonDocument { { "step", v.Name }, { "passed", v.Status == "completed" }, { "summary", v.Summary is null ? BsonNull.Value : UriRedactor.RedactText(v.Summary) } })) },
        {
            "estimate", new BsonDocument
            {
                { "basis", EstimateBasis },
                { "note", EstimateNote is null ? BsonNull.Value : UriRedactor.RedactText(EstimateNote) },
                { "rehearsedDocuments", new BsonDocument(RehearsedDocuments.Select(p => new BsonElement(p.Key, p.Value))) },
                { "realDocuments", new BsonDocument(RealDocuments.Select(p => new BsonElement(p.Key, p.Value))) },
                { "durationMs", DurationMs },
                { "estimatedMs", EstimatedMs },
            }
        },
        { "rollback", Run.Rollback?.ToBson() ?? (BsonValue)BsonNull.Value },
        { "keptStore", KeptStore is null ? BsonNull.Value : KeptStore },
    };

    /// <summary>One line for people: what would happen in production.</summary>
    public string Describe()
    {
        var estimate = $"{Seconds(DurationMs)} on the backup, about {Seconds(EstimatedMs)} on the {(EstimateBasis == "real store" ? "real store" : "backup's size (" + EstimateNote + ")")}";
        return WouldSucceed
            ? $"the plan would succeed: {estimate}"
            : Run.Crossed is { } crossed
                ? $"the plan would {(Run.Status is RunStatus.RolledBack or RunStatus.RollbackFailed ? "roll back" : "fail")}: threshold crossed: {crossed}"
                : $"the plan would {(Run.Status is RunStatus.RolledBack or RunStatus.RollbackFailed ? "roll back" : "fail")}: {Run.Reason}";
    }

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
