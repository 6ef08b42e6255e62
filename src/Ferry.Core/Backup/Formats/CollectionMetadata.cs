using MongoDB.Bson;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// What mongodump's <c>COLL.metadata.json</c> holds about one collection: create options (validator, capped, …),
/// index specs (<c>_id_</c> included), the UUID (32 hex digits, where known), the real collection name (file names are
/// escaped) and the type (<c>collection</c>, <c>view</c>, <c>timeseries</c>).
/// </summary>
public sealed record CollectionMetadata
{
    public BsonDocument Options { get; init; } = new();

    public IReadOnlyList<BsonDocument> Indexes { get; init; } = [];

    public string? Uuid { get; init; }

    public string? CollectionName { get; init; }

    public string? Type { get; init; }

    public bool IsView => Type == "view" || Options.Contains("viewOn");

    public bool IsTimeSeries => Type == "timeseries" || Options.Contains("timeseries");

    /// <summary>Index specs to create on restore: every index but <c>_id_</c>, without <c>v</c> and <c>ns</c>
    /// (the target chooses the version; <c>ns</c> is the old dump's namespace, not the target's).</summary>
    public IReadOnlyList<BsonDocument> IndexesToCreate()
    {
        var specs = new List<BsonDocument>();
        foreach (var index in Indexes)
        {
            if (index.GetValue("name", BsonNull.Value) is BsonString { Value: "_id_" })
            {
                continue;
            }

            var spec = index.DeepClone().AsBsonDocument;
            spec.Remove("v");
            spec.Remove("ns");
            specs.Add(spec);
        }

        return specs;
    }
}
