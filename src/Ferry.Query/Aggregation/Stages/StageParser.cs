using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>Turns one stage document (<c>{ $group: {...} }</c>) into executable stages, with MongoDB's parse errors.
/// $sortByCount and $bucket expand into $group + $sort, as in MongoDB.</summary>
internal static class StageParser
{
    /// <summary>Stages MongoDB has that the embedded engine does not implement: a clear error instead of "unrecognized".</summary>
    private static readonly HashSet<string> NotSupported =
    [
        "$out", "$merge", "$geoNear", "$densify", "$fill",
        "$collStats", "$indexStats", "$currentOp", "$listSessions", "$planCacheStats", "$changeStream", "$search",
    ];

    public static IEnumerable<PipelineStage> Parse(BsonValue stage, QueryContext context)
    {
        if (stage is not BsonDocument document)
        {
            throw ErrorCodes.Type("Each element of the 'pipeline' array must be an object");
        }

        if (document.ElementCount != 1)
        {
            throw ErrorCodes.Create(40323, "A pipeline stage specification object must contain exactly one field.");
        }

        var element = document.GetElement(0);
        var spec = element.Value;
        switch (element.Name)
        {
            case "$match":
                return [new MatchStage(spec as BsonDocument ?? throw ErrorCodes.Create(15959, "the match filter must be an expression in an object"), context)];
            case "$project":
                return [ParseProject(spec, context)];
            case "$addFields":
            case "$set":
                return [ParseAddFields(element.Name, spec, context)];
            case "$unset":
                return [ParseUnset(spec)];
            case "$replaceRoot":
                return [ParseReplaceRoot(spec, context)];
            case "$replaceWith":
                return [new ReplaceRootStage("$replaceWith", AggregationExpression.Compile(spec, context))];
            case "$group":
                return [GroupStage.Parse(spec, context)];
            case "$sort":
                return [SortStage.Parse(spec)];
            case "$limit":
                return [LimitStage.Parse(spec)];
            case "$skip":
                return [SkipStage.Parse(spec)];
            case "$count":
                return [CountStage.Parse(spec)];
            case "$unwind":
                return [UnwindStage.Parse(spec)];
            case "$lookup":
                return [LookupStage.Parse(spec, context)];
            case "$facet":
                return [FacetStage.Parse(spec, context)];
            case "$unionWith":
                return [UnionWithStage.Parse(spec, context)];
            case "$sample":
                return [SampleStage.Parse(spec)];
            case "$sortByCount":
                return ParseSortByCount(spec, context);
            case "$bucket":
                return BucketParser.Parse(spec, context);
            case "$setWindowFields":
                return [SetWindowFieldsStage.Parse(spec, context)];
            case "$redact":
                return [new RedactStage(AggregationExpression.Compile(spec, context))];
            case "$graphLookup":
                return [GraphLookupStage.Parse(spec, context)];
            case "$bucketAuto":
                return [BucketAutoStage.Parse(spec, context)];
            case "$documents":
                return [new DocumentsStage(AggregationExpression.Compile(spec, context))];
        }

        if (NotSupported.Contains(element.Name))
        {
            throw ErrorCodes.Create(ErrorCodes.CommandNotSupported,
                element.Name + " is not supported by the embedded store; run this pipeline against a MongoDB server");
        }

        throw ErrorCodes.Create(40324, "Unrecognized pipeline stage name: '" + element.Name + "'");
    }

    private static PipelineStage ParseProject(BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Create(15969, "$project specification must be an object");
        }

        if (d.ElementCount == 0)
        {
            throw ErrorCodes.Create(51272, "Invalid $project :: caused by :: projection specification must have at least one field");
        }

        var tree = ProjectionTree.Parse(d, "$project", context, computedOnly: false);
        var exclusion = tree.ValidateProjectMode();
        return new ProjectionStage("$project", tree, exclusion ? ProjectionStage.Mode.Exclusion : ProjectionStage.Mode.Inclusion);
    }

    private static PipelineStage ParseAddFields(string name, BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Create(40272, name + " specification stage must be an object, got " + ExpressionErrors.TypeName(spec));
        }

        var tree = d.ElementCount == 0 ? ProjectionTree.Exclusion([]) : ProjectionTree.Parse(d, name, context, computedOnly: true);
        return new ProjectionStage(name, tree, ProjectionStage.Mode.AddFields);
    }

    private static PipelineStage ParseUnset(BsonValue spec)
    {
        List<string> paths;
        if (spec is BsonString s)
        {
            paths = [s.Value];
        }
        else if (spec is BsonArray a)
        {
            if (a.Count == 0)
            {
                throw ErrorCodes.Create(31119, "$unset specification must be a string or an array with at least one field");
            }

            paths = a.Select(v => v is BsonString vs ? vs.Value : throw ErrorCodes.Create(31120, "$unset specification must be a string or an array containing only string values")).ToList();
        }
        else
        {
            throw ErrorCodes.Create(31002, "$unset specification must be a string or an array");
        }

        foreach (var path in paths)
        {
            if (path.Length == 0 || path.Split('.').Any(p => p.Length == 0))
            {
                throw ErrorCodes.Create(15998, "Invalid $unset :: caused by :: FieldPath field names may not be empty strings.");
            }

            if (path.StartsWith('$'))
            {
                throw ErrorCodes.Create(16410, "Invalid $unset :: caused by :: FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
        }

        return new ProjectionStage("$unset", ProjectionTree.Exclusion(paths), ProjectionStage.Mode.Exclusion);
    }

    private static PipelineStage ParseReplaceRoot(BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Create(40229, "expected an object as specification for $replaceRoot stage, got " + ExpressionErrors.TypeName(spec));
        }

        BsonValue? newRoot = null;
        foreach (var element in d)
        {
            if (element.Name != "newRoot")
            {
                throw ErrorCodes.Create(40415, "BSON field '$replaceRoot." + element.Name + "' is an unknown field.");
            }

            newRoot = element.Value;
        }

        return new ReplaceRootStage("$replaceRoot",
            AggregationExpression.Compile(newRoot ?? throw ErrorCodes.Create(40414, "BSON field '$replaceRoot.newRoot' is missing but a required field"), context));
    }

    private static IEnumerable<PipelineStage> ParseSortByCount(BsonValue spec, QueryContext context)
    {
        var isPath = spec is BsonString s && s.Value.StartsWith('$');
        var isOperator = spec is BsonDocument { ElementCount: 1 } d && d.GetElement(0).Name.StartsWith('$');
        if (!isPath && !isOperator)
        {
            throw ErrorCodes.Create(40148, "the sortByCount field must be defined as a $-prefixed path or an expression");
        }

        return
        [
            GroupStage.Parse(new BsonDocument { { "_id", spec }, { "count", new BsonDocument("$sum", 1) } }, context),
            SortStage.Parse(new BsonDocument("count", -1)),
        ];
    }
}
