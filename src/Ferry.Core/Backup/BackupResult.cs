using Ferry.Core.Backup.Formats;
using MongoDB.Bson;

namespace Ferry.Core.Backup;

/// <summary>A finished backup: its tag, folder and manifest.</summary>
public sealed record BackupResult(string Tag, string Path, FerryManifest Manifest)
{
    /// <summary>The backup's run in the journal (<c>_ferry_runs</c> of the first database backed up); null when there was nothing to back up.</summary>
    public string? RunId { get; init; }

    /// <summary>The <c>backup create --json</c> document.</summary>
    public BsonDocument ToBson() => new()
    {
        { "tag", Tag },
        { "runId", (BsonValue?)RunId ?? BsonNull.Value },
        { "path", Path },
        { "layout", Manifest.Layout },
        { "gzip", Manifest.Gzip },
        { "emergency", Manifest.Emergency },
        { "source", Manifest.Source },
        { "databases", new BsonArray(Manifest.Databases) },
        { "collections", Manifest.Namespaces.Count },
        { "documents", Manifest.DocumentCount },
        { "bytes", Manifest.ByteCount },
        { "namespaces", new BsonArray(Manifest.Namespaces.Select(n => new BsonDocument { { "ns", n.Namespace }, { "documents", n.Documents }, { "bytes", n.Bytes } })) },
    };
}
