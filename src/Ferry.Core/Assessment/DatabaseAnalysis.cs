using Ferry.Core.Errors;
using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>The result of <see cref="DataAnalyzer"/>: per collection analyses, inferred references, the dependency
/// order (referenced collections first), cycles, and the overall complexity. <see cref="ToBson"/> is the
/// <c>--out</c> file and <c>ferry plan --analysis</c>'s input.</summary>
public sealed record DatabaseAnalysis(string Database, string Store, IReadOnlyList<CollectionAnalysis> Collections, IReadOnlyList<InferredReference> References)
{
    public IReadOnlyList<string> DependencyOrder { get; init; } = [];

    /// <summary>Each cycle as its collections in reference order, the first repeated at the end (<c>a → b → a</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles { get; init; } = [];

    public Complexity Complexity { get; init; } = new(0, []);

    public IReadOnlyList<string> MigrationKinds { get; init; } = [];

    /// <summary>"all" when every document was read, otherwise the per-collection sample size.</summary>
    public string Sample { get; init; } = "all";

    public DateTimeOffset AnalyzedAt { get; init; }

    public long TotalDocuments => Collections.Sum(c => c.Count);

    public long TotalDataSize => Collections.Sum(c => c.DataSize);

    public BsonDocument ToBson() => new()
    {
        { "kind", "ferry-analysis" },
        { "version", 1 },
        { "database", Database },
        { "store", Store },
        { "analyzedAt", AnalyzedAt.UtcDateTime },
        { "sample", Sample },
        { "totals", new BsonDocument { { "collections", Collections.Count }, { "documents", TotalDocuments }, { "dataSize", TotalDataSize } } },
        { "collections", new BsonArray(Collections.Select(c => c.ToBson())) },
        { "references", new BsonArray(References.Select(r => r.ToBson())) },
        { "dependencyOrder", new BsonArray(DependencyOrder) },
        { "cycles", new BsonArray(Cycles.Select(c => new BsonArray(c))) },
        { "complexity", Complexity.ToBson() },
        { "migrationKinds", new BsonArray(MigrationKinds) },
    };

    /// <summary>Reads an analysis file written by <c>ferry analyze --out</c>; anything else is bad input naming the file.</summary>
    public static DatabaseAnalysis Load(string path)
    {
        BsonDocument document;
        try
        {
            document = BsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--analysis {path}: cannot read the file ({e.Message})", e);
        }
        catch (Exception e) when (e is FormatException or BsonException)
        {
            throw new UserInputException($"--analysis {path}: not a JSON document ({e.Message})", e);
        }

        if (document.GetValue("kind", BsonNull.Value) != "ferry-analysis")
        {
            throw new UserInputException($"--analysis {path}: not an analysis written by ferry analyze --out (expected \"kind\": \"ferry-analysis\")");
        }

        try
        {
            return new DatabaseAnalysis(
                document["database"].AsString,
                document["store"].AsString,
                document["collections"].AsBsonArray.Select(c => CollectionAnalysis.FromBson(c.AsBsonDocument)).ToList(),
                document["references"].AsBsonArray.Select(r => InferredReference.FromBson(r.AsBsonDocument)).ToList())
            {
                DependencyOrder = document["dependencyOrder"].AsBsonArray.Select(n => n.AsString).ToList(),
                Sample = document.GetValue("sample", "all").ToString()!,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidCastException)
        {
            throw new UserInputException($"--analysis {path}: a required field is missing or has the wrong type ({e.Message})", e);
        }
    }
}
