using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>
/// One document of <c>_ferry_migrations</c>: a migration that was applied (or baselined, marked, or that failed),
/// with what is needed to audit it and to detect that its file changed since.
/// </summary>
public sealed record ChangelogEntry(
    MigrationVersion Version,
    string Description,
    string Source,
    string? Checksum,
    DateTimeOffset AppliedAt,
    TimeSpan Duration,
    string AppliedBy,
    string FerryVersion,
    string RunId,
    string Outcome)
{
    public const string Applied = "applied";
    public const string Baselined = "baselined";
    public const string Marked = "marked";
    public const string Failed = "failed";

    /// <summary>Applied by a run whose later migration failed, then undone by that run's automatic rollback: pending again.</summary>
    public const string RolledBack = "rolled_back";

    public string? Error { get; init; }

    public string? BackupTag { get; init; }

    /// <summary>Set when the run's automatic rollback undid this migration's writes: the backup it restored.</summary>
    public string? RolledBackTo { get; init; }

    /// <summary>Applied, baselined and marked entries count as applied; a failed or rolled-back one is still pending.</summary>
    public bool CountsAsApplied => Outcome is not (Failed or RolledBack);

    public BsonDocument ToBson()
    {
        var document = new BsonDocument
        {
            { "_id", Version.Text },
            { "version", Version.Text },
            { "description", Description },
            { "fileName", Source },
            { "checksum", (BsonValue?)Checksum ?? BsonNull.Value },
            { "appliedAt", new BsonDateTime(AppliedAt.UtcDateTime) },
            { "durationMs", (long)Duration.TotalMilliseconds },
            { "appliedBy", AppliedBy },
            { "ferryVersion", FerryVersion },
            { "runId", RunId },
            { "outcome", Outcome },
        };
        if (Error is not null)
        {
            document["error"] = Error;
        }

        if (BackupTag is not null)
        {
            document["backupTag"] = BackupTag;
        }

        if (RolledBackTo is not null)
        {
            document["rolledBackTo"] = RolledBackTo;
        }

        return document;
    }

    public static ChangelogEntry FromBson(BsonDocument document) =>
        new(
            MigrationVersion.Parse(document["version"].AsString),
            document.GetValue("description", string.Empty).AsString,
            document.GetValue("fileName", string.Empty).AsString,
            document.GetValue("checksum", BsonNull.Value) is BsonString s ? s.Value : null,
            new DateTimeOffset(document["appliedAt"].ToUniversalTime()),
            TimeSpan.FromMilliseconds(document.GetValue("durationMs", 0).ToDouble()),
            document.GetValue("appliedBy", string.Empty).AsString,
            document.GetValue("ferryVersion", string.Empty).AsString,
            document.GetValue("runId", string.Empty).AsString,
            document.GetValue("outcome", Applied).AsString)
        {
            Error = document.GetValue("error", BsonNull.Value) is BsonString e ? e.Value : null,
            BackupTag = document.GetValue("backupTag", BsonNull.Value) is BsonString t ? t.Value : null,
            RolledBackTo = document.GetValue("rolledBackTo", BsonNull.Value) is BsonString r ? r.Value : null,
        };
}
