using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Reports;

/// <summary>
/// Hand-built journal documents of the kinds other verbs write (a plan with steps and child runs, a migrate run, a
/// restore run), in the shape RunJournal gives them, so the report is tested on every kind without running each verb.
/// </summary>
internal static class JournalDocuments
{
    public static readonly DateTime Start = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    public static BsonDocument Run(string id, string kind, string status, long durationMs, string? parent = null, string? reason = null) => new()
    {
        { "_id", id },
        { "kind", kind },
        { "status", status },
        { "started_at", Start },
        { "ended_at", Start.AddMilliseconds(durationMs) },
        { "duration_ms", durationMs },
        { "spec", new BsonDocument { { "source", "mongodb://admin:hunter2@db.example:27017/app" }, { "hash_salt_key", "s3cr3t-salt" } } },
        { "collections", new BsonDocument() },
        { "checkpoints", new BsonDocument() },
        { "errors", new BsonArray() },
        { "error_count", 0L },
        { "metrics", new BsonDocument() },
        { "backup_tag", BsonNull.Value },
        { "stop_requested", false },
        { "host", "test" },
        { "attempts", new BsonArray { Start } },
        { "samples", new BsonArray() },
        { "alerts", new BsonArray() },
        { "parent_run_id", (BsonValue?)parent ?? BsonNull.Value },
        { "status_reason", (BsonValue?)reason ?? BsonNull.Value },
    };

    public static BsonDocument Collection(long total, long processed, long written, long quarantined) => new()
    {
        { "processed", processed }, { "total", total }, { "percentage", 100.0 }, { "written", written }, { "quarantined", quarantined }, { "last_updated", Start },
    };

    public static BsonDocument Step(string name, string verb, string status, long startMs, long durationMs, string? runId = null, string? backupTag = null, string? summary = null) => new()
    {
        { "name", name },
        { "verb", verb },
        { "status", status },
        { "started_at", Start.AddMilliseconds(startMs) },
        { "ended_at", Start.AddMilliseconds(startMs + durationMs) },
        { "duration_ms", durationMs },
        { "summary", (BsonValue?)summary ?? BsonNull.Value },
        { "backup_tag", (BsonValue?)backupTag ?? BsonNull.Value },
        { "run_id", (BsonValue?)runId ?? BsonNull.Value },
    };

    /// <summary>
    /// A plan that backed up, transformed (a child run quarantining 76 of 500 users), validated and was rolled back
    /// because the error rate crossed its threshold; with an alert, an error quoting a connection string, and samples.
    /// </summary>
    public static async Task<string> InsertRolledBackPlanAsync(IDocumentDatabase database, string backupTag)
    {
        var plan = Run("plan-1", "plan", RunStatus.RolledBack, 42_000, reason: "error rate 15.2% crossed the threshold 5% (mongodb://admin:hunter2@db.example:27017)");
        plan["steps"] = new BsonArray
        {
            Step("backup before", "backup", RunStatus.Completed, 0, 3_000, backupTag: backupTag, summary: "backed up 2 collections"),
            Step("transform users", "transform", RunStatus.Failed, 3_000, 30_000, runId: "transform-1", summary: "76 quarantined"),
            Step("check", "validate", RunStatus.Completed, 33_000, 2_000, runId: "validate-1"),
        };
        plan["rollback"] = new BsonDocument { { "status", RunStatus.RolledBack }, { "at", Start.AddSeconds(41) }, { "reason", "error rate 15.2% > 5%" }, { "backup_tag", backupTag } };
        plan["alerts"] = new BsonArray { new BsonDocument { { "alert", "error_rate" }, { "at", Start.AddSeconds(20) }, { "description", "error rate 15.2% > 5%" } } };

        var transform = Run("transform-1", "transform", RunStatus.Failed, 30_000, parent: "plan-1", reason: "stopped by the plan");
        transform["collections"] = new BsonDocument { { "users", Collection(500, 500, 424, 76) }, { "orders", Collection(1000, 250, 250, 0) } };
        transform["errors"] = new BsonArray { new BsonDocument { { "at", Start.AddSeconds(30) }, { "message", "lost mongodb://admin:***@db.example:27017" } } };
        transform["error_count"] = 1L;
        transform["samples"] = new BsonArray
        {
            Sample(10_000, 250, 30, 25.0), Sample(20_000, 600, 60, 35.0), Sample(30_000, 750, 76, 15.2),
        };
        var validate = Run("validate-1", "validate", RunStatus.Completed, 2_000, parent: "plan-1");
        validate["validation"] = new BsonDocument
        {
            {
                "collections", new BsonArray
                {
                    new BsonDocument { { "name", "users" }, { "rules", new BsonArray { Rule("email-format", "format", "email", 12), Rule("name-required", "required", "name", 3) } } },
                    new BsonDocument { { "name", "orders" }, { "rules", new BsonArray { Rule("user-exists", "reference", "user_id", 0) } } },
                }
            },
        };

        await database.GetCollection(RunJournal.CollectionName).BulkWriteAsync([new InsertRequest(plan), new InsertRequest(transform), new InsertRequest(validate)]);
        var quarantine = new QuarantineStore(database);
        await quarantine.PutAsync("transform-1", "users", Enumerable.Range(0, 76).Select(i => (new BsonDocument("_id", i), i < 50 ? "email: not an e-mail address" : "name: required")).ToList());
        return "plan-1";
    }

    private static BsonDocument Sample(long elapsedMs, long processed, long quarantined, double rate) => new()
    {
        { "at", Start.AddMilliseconds(elapsedMs) }, { "elapsed_ms", elapsedMs }, { "processed", processed }, { "quarantined", quarantined }, { "errors", 0L },
        { "documents_per_second", rate }, { "memory_ratio", 0.125 },
    };

    private static BsonDocument Rule(string id, string kind, string field, long failed) => new()
    {
        { "id", id }, { "kind", kind }, { "field", field }, { "failed", failed }, { "samples", new BsonArray() },
    };
}
