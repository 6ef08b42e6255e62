using MongoDB.Bson;

namespace Ferry.Core.Schema;

/// <summary>
/// One difference between a store and its declared schema, and what makes the store match: the state before (for a
/// migration's down, and for the record) and after. <see cref="Destructive"/> changes drop data or indexes: they need
/// <c>--allow-drop</c> and run after a verified backup.
/// </summary>
public sealed record SchemaChange(string Action, string Collection, string Description, bool Destructive)
{
    public const string CreateCollection = "create_collection";
    public const string DropCollection = "drop_collection";
    public const string SetValidation = "set_validation";
    public const string CreateIndex = "create_index";
    public const string DropIndex = "drop_index";
    public const string UpsertDocument = "upsert_document";
    public const string RemoveDocument = "remove_document";

    /// <summary>What there was (an index spec, the validation options, a document), or null.</summary>
    public BsonDocument? Before { get; init; }

    /// <summary>What there will be (collection options, an index spec, the validation options, a document), or null.</summary>
    public BsonDocument? After { get; init; }

    /// <summary>For documents: the filter that finds the document by its declared key.</summary>
    public BsonDocument? Filter { get; init; }

    public BsonDocument ToBson() => new()
    {
        { "action", Action },
        { "collection", Collection },
        { "description", Description },
        { "destructive", Destructive },
    };
}
