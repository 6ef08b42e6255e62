using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>$bucket, rewritten as MongoDB does: a $group whose _id is a $switch over the boundaries, then $sort by _id.</summary>
internal static class BucketParser
{
    public static IEnumerable<PipelineStage> Parse(BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Create(40201, "Argument to $bucket stage must be an object, but found type: " + Expressions.ExpressionErrors.TypeName(spec) + ".");
        }

        BsonValue? groupBy = null, fallback = null;
        BsonArray? boundaries = null;
        BsonDocument? output = null;
        foreach (var element in d)
        {
            switch (element.Name)
            {
                case "groupBy": groupBy = element.Value; break;
                case "boundaries":
                    boundaries = element.Value as BsonArray ?? throw ErrorCodes.Create(40200, "The $bucket 'boundaries' field must be an array");
                    break;
                case "default": fallback = element.Value; break;
                case "output":
                    output = element.Value as BsonDocument ?? throw ErrorCodes.Create(40196, "The $bucket 'output' field must be an object");
                    break;
                default: throw ErrorCodes.Create(40197, "Unrecognized option to $bucket: " + element.Name + ".");
            }
        }

        if (groupBy is null || boundaries is null)
        {
            throw ErrorCodes.Create(40198, "$bucket requires 'groupBy' and 'boundaries' to be specified.");
        }

        if (boundaries.Count < 2)
        {
            throw ErrorCodes.Create(40192, "The $bucket 'boundaries' field must have at least 2 values, but found " + boundaries.Count + " value(s).");
        }

        for (var i = 1; i < boundaries.Count; i++)
        {
            if (Common.BsonTypeOrder.Canonical(boundaries[i]) != Common.BsonTypeOrder.Canonical(boundaries[0]))
            {
                throw ErrorCodes.Create(40193, "All values in the the 'boundaries' option to $bucket must have the same type.");
            }

            if (BsonValueComparer.Instance.Compare(boundaries[i - 1], boundaries[i]) >= 0)
            {
                throw ErrorCodes.Create(40194, "The 'boundaries' option to $bucket must be sorted in ascending order.");
            }
        }

        if (fallback is not null && BsonValueComparer.Instance.Compare(fallback, boundaries[0]) >= 0 &&
            BsonValueComparer.Instance.Compare(fallback, boundaries[^1]) < 0 &&
            BsonTypeOrder.Canonical(fallback) == BsonTypeOrder.Canonical(boundaries[0]))
        {
            throw ErrorCodes.Create(40199, "The $bucket 'default' field must be less than the lowest boundary or greater than or equal to the highest boundary.");
        }

        var branches = new BsonArray();
        for (var i = 0; i < boundaries.Count - 1; i++)
        {
            var lower = new BsonDocument("$literal", boundaries[i]);
            var upper = new BsonDocument("$literal", boundaries[i + 1]);
            branches.Add(new BsonDocument
            {
                { "case", new BsonDocument("$and", new BsonArray { new BsonDocument("$gte", new BsonArray { groupBy, lower }), new BsonDocument("$lt", new BsonArray { groupBy, upper }) }) },
                { "then", lower },
            });
        }

        var @switch = new BsonDocument("branches", branches);
        if (fallback is not null)
        {
            @switch["default"] = new BsonDocument("$literal", fallback);
        }

        var group = new BsonDocument("_id", new BsonDocument("$switch", @switch));
        foreach (var field in output ?? new BsonDocument("count", new BsonDocument("$sum", 1)))
        {
            group.Add(field);
        }

        return [GroupStage.Parse(group, context), SortStage.Parse(new BsonDocument("_id", 1))];
    }
}
