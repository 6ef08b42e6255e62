using MongoDB.Bson;

namespace Ferry.Core.Transform.Rules;

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
