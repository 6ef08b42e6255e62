using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Demo.Generation;

/// <summary>
/// What a generation produced: seed, size, clock, documents per collection and the exact planted defects. Written
/// as <c>planted.json</c> beside the demo data and printed by <c>ferry demo --json</c>.
/// </summary>
public sealed record GenerationSummary(
    int Seed,
    long Size,
    DateTime GeneratedAt,
    IReadOnlyDictionary<string, long> Documents,
    PlantedDefects Defects)
{
    public const string FileName = "planted.json";

    private static readonly JsonWriterSettings FileJson = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson, Indent = true };

    public long TotalDocuments => Documents.Values.Sum();

    public BsonDocument ToBsonDocument()
    {
        var documents = new BsonDocument();
        foreach (var name in InfraMindCollections.All.Where(Documents.ContainsKey))
        {
            documents.Add(name, Documents[name]);
        }

        return new BsonDocument
        {
            { "seed", Seed },
            { "size", Size },
            { "generated_at", GeneratedAt },
            { "documents", documents },
            { "total_documents", TotalDocuments },
            { "defects", Defects.ToBsonDocument() },
        };
    }

    public static GenerationSummary FromBsonDocument(BsonDocument document) => new(
        document["seed"].ToInt32(),
        document["size"].ToInt64(),
        document["generated_at"].ToUniversalTime(),
        document["documents"].AsBsonDocument.ToDictionary(e => e.Name, e => e.Value.ToInt64()),
        PlantedDefects.FromBsonDocument(document["defects"].AsBsonDocument));

    /// <summary>Writes planted.json (relaxed Extended JSON, indented) into <paramref name="directory"/>; returns its path.</summary>
    public async Task<string> WriteAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        await File.WriteAllTextAsync(path, ToBsonDocument().ToJson(FileJson) + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        return path;
    }

    public static async Task<GenerationSummary> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        FromBsonDocument(BsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)));
}
