using Ferry.Core.Indexes;
using MongoDB.Bson;

namespace Ferry.Core.Schema;

/// <summary>A declared schema (<c>ferry schema diff|apply FILE</c>): the collections a database should have.</summary>
public sealed record SchemaDeclaration(string File, IReadOnlyList<CollectionSchema> Collections);

/// <summary>
/// One collection as it should be. Whatever is left out is not managed: no <c>validator</c> leaves the existing one
/// alone (declare <c>validator: {}</c> to remove it), no <c>indexes</c> leaves the indexes alone; a declared
/// <c>indexes</c> list is the whole set (other indexes but <c>_id_</c> are dropped).
/// </summary>
public sealed record CollectionSchema(string Name, string Location)
{
    /// <summary>The collection must not exist (dropping it is destructive).</summary>
    public bool Absent { get; init; }

    public BsonDocument? Validator { get; init; }

    /// <summary>strict | moderate | off (MongoDB's default strict).</summary>
    public string? ValidationLevel { get; init; }

    /// <summary>error | warn (MongoDB's default error).</summary>
    public string? ValidationAction { get; init; }

    public IReadOnlyList<IndexDeclaration>? Indexes { get; init; }

    public ReferenceData? Data { get; init; }

    /// <summary>Whether the declaration says anything about validation.</summary>
    public bool ManagesValidation => Validator is not null || ValidationLevel is not null || ValidationAction is not null;
}

/// <summary>
/// Documents the collection must hold, identified by <see cref="Key"/> (upserted by it); with <see cref="Prune"/>,
/// documents whose key is not declared are removed (destructive).
/// </summary>
public sealed record ReferenceData(IReadOnlyList<string> Key, IReadOnlyList<BsonDocument> Documents, bool Prune)
{
    /// <summary>The filter that finds <paramref name="document"/>'s stored twin: its key fields.</summary>
    public BsonDocument FilterOf(BsonDocument document) => new(Key.Select(k => new BsonElement(k, document[k])));
}
