using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Transform.Rules;

/// <summary>A parsed transformation rules file (format: docs/transform.md). Data first: checked and printable before a run.</summary>
public sealed record TransformRules(string Source, IReadOnlyList<CollectionMapping> Collections, PasswordHashing Hashing)
{
    /// <summary>Filters that find demo data per source collection (for <c>ferry demo identify|remove</c>).</summary>
    public IReadOnlyDictionary<string, BsonDocument> DemoMarkers { get; init; } = new Dictionary<string, BsonDocument>();

    /// <summary>SHA-256 of the file's text, recorded in the run journal.</summary>
    public string Checksum { get; init; } = string.Empty;
}

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

public enum IdStrategy
{
    Keep,
    New,
}

/// <summary>The functions a field mapping can apply to a string value, in order.</summary>
public enum ValueFunction
{
    Lower,
    Upper,
    Trim,
    HashPassword,
}

/// <summary>
/// One produced field: where its value comes from (a source path, a constant, the run's clock), what to do when the
/// source is missing (default), which functions apply, and whether it is re-pointed through another collection's id map.
/// </summary>
public sealed record FieldMapping(string Target, string Location)
{
    public string? From { get; init; }

    public BsonValue? Constant { get; init; }

    public bool Now { get; init; }

    /// <summary>Used when <see cref="From"/> is missing or null; <see cref="DefaultIsNow"/> for the run's clock.</summary>
    public BsonValue? Default { get; init; }

    public bool DefaultIsNow { get; init; }

    public IReadOnlyList<ValueFunction> Apply { get; init; } = [];

    public string? MapIdThrough { get; init; }

    /// <summary>Leave this source field out even when copying unlisted fields.</summary>
    public bool Drop { get; init; }
}

/// <summary>Password hashing settings: BCrypt (default, cost 10) or Argon2id.</summary>
public sealed record PasswordHashing(string Algorithm = "bcrypt", int Cost = 10)
{
    public int Argon2MemoryKiB { get; init; } = 65536;

    public int Argon2Iterations { get; init; } = 3;
}
