using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Transform.Rules;

/// <summary>How one target collection is produced from one source collection.</summary>
public sealed record CollectionMapping(string Target, string SourceCollection, string Location)
{
    public BsonDocument Filter { get; init; } = new();

    /// <summary>Keep the source <c>_id</c>, or give new ids and record them in the id map.</summary>
    public IdStrategy Ids { get; init; } = IdStrategy.New;

    public IReadOnlyList<FieldMapping> Fields { get; init; } = [];

    /// <summary>Copy source fields that no mapping mentions (default: only mapped fields are produced).</summary>
    public bool CopyUnlisted { get; init; }

    /// <summary>Checks every produced document must pass before it is written (else it is quarantined).</summary>
    public IReadOnlyList<FieldRule> Validate { get; init; } = [];

    /// <summary>Collections whose id maps this mapping reads (its dependencies).</summary>
    public IEnumerable<string> DependsOn => Fields.Select(f => f.MapIdThrough).OfType<string>().Distinct();
}
