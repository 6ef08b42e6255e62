using MongoDB.Bson;

namespace Ferry.Store.Conformance.Spec;

/// <summary>
/// One test of MongoDB's CRUD specification in the unified format's shape (legacy-v1 tests are converted):
/// entities, initial data, operations with expected results or errors, and the expected collection contents.
/// </summary>
public sealed record SpecTest
{
    /// <summary>Path below mongodb-spec-crud/, e.g. <c>unified/updateOne.json</c>.</summary>
    public required string File { get; init; }

    public required int Index { get; init; }

    public required string Description { get; init; }

    /// <summary>Each list is satisfied when any of its requirements is (file level, then test level).</summary>
    public IReadOnlyList<IReadOnlyList<BsonDocument>> RunOn { get; init; } = [];

    public BsonArray CreateEntities { get; init; } = [];

    public IReadOnlyList<BsonDocument> InitialData { get; init; } = [];

    public IReadOnlyList<BsonDocument> Operations { get; init; } = [];

    public IReadOnlyList<BsonDocument>? Outcome { get; init; }

    /// <summary>The test declares command-monitoring expectations (not checked here).</summary>
    public bool ExpectsEvents { get; init; }

    /// <summary>Problems found while loading (schema violations, unknown schema version): the test fails with them.</summary>
    public IReadOnlyList<string> LoadErrors { get; init; } = [];

    public string Name => File + ": " + Description;

    public override string ToString() => Name;
}
