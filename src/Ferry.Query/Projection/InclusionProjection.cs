using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Projection;

/// <summary>
/// Applies an inclusion projection: listed fields in document order (arrays of subdocuments projected element by
/// element, scalars dropped below a nested path), then computed and <c>$elemMatch</c> fields in specification order.
/// </summary>
internal sealed class InclusionProjection(BsonDocument root, MatchDetails? details)
{
    private bool _positionUsed;

    public BsonDocument ApplyLevel(ProjectionLevel level, BsonDocument source)
    {
        var output = new BsonDocument();
        foreach (var element in source)
        {
            if (!level.TryGet(element.Name, out var field))
            {
                continue;
            }

            var projected = field switch
            {
                ProjectionField.Include => element.Value,
                ProjectionField.Slice slice => ArraySlice.Apply(element.Value, slice.Skip, slice.Limit),
                ProjectionField.Positional => ApplyPositional(element.Value),
                ProjectionField.Nested nested => ApplyNested(nested.Level, element.Value),
                _ => null,
            };
            if (projected is not null)
            {
                output.Add(element.Name, projected);
            }
        }

        foreach (var (name, field) in level.Fields)
        {
            switch (field)
            {
                case ProjectionField.Computed computed:
                    var value = computed.Expression.Evaluate(root);
                    if (value is not null)
                    {
                        output.Set(name, value);
                    }

                    break;
                case ProjectionField.ElemMatch elemMatch:
                    var match = new MatchDetails();
                    if (elemMatch.Matcher.Matches(root, match) && match.ArrayPosition is { } position
                        && source.TryGetValue(name, out var array) && array is BsonArray items && position < items.Count)
                    {
                        output.Set(name, new BsonArray { items[position] });
                    }

                    break;
                case ProjectionField.Nested nested when !source.Contains(name) && nested.Level.ContainsComputed:
                    var created = ApplyLevel(nested.Level, []);
                    if (created.ElementCount > 0)
                    {
                        output.Set(name, created);
                    }

                    break;
            }
        }

        return output;
    }

    private BsonValue? ApplyNested(ProjectionLevel level, BsonValue value)
    {
        switch (value)
        {
            case BsonDocument document:
                return ApplyLevel(level, document);
            case BsonArray array:
                if (level.ContainsPositional && !_positionUsed)
                {
                    array = [Positioned(array)];
                }

                var result = new BsonArray();
                foreach (var item in array)
                {
                    var projected = item is BsonDocument or BsonArray ? ApplyNested(level, item)
                        : level.ContainsComputed ? ApplyLevel(level, []) : null;
                    if (projected is not null)
                    {
                        result.Add(projected);
                    }
                }

                return result;
            default:
                return level.ContainsComputed ? ApplyLevel(level, []) : null;
        }
    }

    private BsonValue ApplyPositional(BsonValue value) =>
        value is BsonArray array && !_positionUsed ? new BsonArray { Positioned(array) } : value;

    private BsonValue Positioned(BsonArray array)
    {
        _positionUsed = true;
        if (details?.ArrayPosition is not { } position)
        {
            throw ErrorCodes.Create(51246, "positional operator '.$' couldn't find a matching element in the array");
        }

        if (position >= array.Count)
        {
            throw ErrorCodes.Create(51247, "positional operator '.$' element mismatch");
        }

        return array[position];
    }
}
