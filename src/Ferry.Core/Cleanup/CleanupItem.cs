using MongoDB.Bson;

namespace Ferry.Core.Cleanup;

/// <summary>Kinds of state <c>ferry cleanup</c> removes.</summary>
public static class CleanupKinds
{
    public const string RunJournal = "run_journal";
    public const string IdMap = "id_map";
    public const string RestoredQuarantine = "restored_quarantine";
    public const string TemporaryCollection = "temporary_collection";
    public const string ScratchDatabase = "scratch_database";
    public const string Backup = "backup";
    public const string DemoData = "demo_data";
}

/// <summary>
/// One thing cleanup removes (or keeps, with <see cref="KeptBecause"/>): its kind, what it is, how many documents
/// (or bytes, for a backup), and whether it holds user data (then a verified backup is taken before it goes).
/// </summary>
public sealed record CleanupItem(string Kind, string Target, long Count, bool HoldsUserData)
{
    /// <summary>Why it stays although it is old (the last good backup, state of a running run); null when it goes.</summary>
    public string? KeptBecause { get; init; }

    /// <summary>Ids the item covers (the runs of a journal/id-map item); empty otherwise.</summary>
    public IReadOnlyList<string> RunIds { get; init; } = [];

    public bool Removed => KeptBecause is null;

    public BsonDocument ToBson()
    {
        var document = new BsonDocument
        {
            { "kind", Kind },
            { "target", Target },
            { "count", Count },
            { "holds_user_data", HoldsUserData },
            { "action", Removed ? "remove" : "keep" },
        };
        if (KeptBecause is not null)
        {
            document["kept_because"] = KeptBecause;
        }

        return document;
    }
}

/// <summary>What <c>ferry cleanup</c> found (dry run) or did: every item, and the verified backups taken first.</summary>
public sealed record CleanupResult(IReadOnlyList<CleanupItem> Items, bool Applied)
{
    public IReadOnlyList<string> SafetyBackups { get; init; } = [];

    public IEnumerable<CleanupItem> ToRemove => Items.Where(i => i.Removed);

    public BsonDocument ToBson() => new()
    {
        { "applied", Applied },
        { "to_remove", ToRemove.Count() },
        { "safety_backups", new BsonArray(SafetyBackups) },
        { "items", new BsonArray(Items.Select(i => i.ToBson())) },
    };
}
