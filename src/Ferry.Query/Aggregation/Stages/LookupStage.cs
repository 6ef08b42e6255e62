using System.Runtime.CompilerServices;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// $lookup: adds, under <c>as</c>, the documents of another collection that join with each input document.
/// The foreign collection is read once per execution and hashed by foreignField. With <c>pipeline</c> (and
/// optional <c>let</c>), the joined documents run through that pipeline with the let variables bound.
/// </summary>
internal sealed class LookupStage : PipelineStage
{
    private readonly string _from;
    private readonly string[]? _localField;
    private readonly string[]? _foreignField;
    private readonly string[] _as;
    private readonly List<(string Name, AggregationExpression Value)> _let;
    private readonly BsonArray? _pipeline;
    private readonly QueryContext _context;

    private LookupStage(string from, string[]? localField, string[]? foreignField, string[] @as, List<(string, AggregationExpression)> let, BsonArray? pipeline, QueryContext context)
    {
        _from = from;
        _localField = localField;
        _foreignField = foreignField;
        _as = @as;
        _let = let;
        _pipeline = pipeline;
        _context = context;
    }

    public override string Name => "$lookup";

    public static LookupStage Parse(BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Parse("the $lookup specification must be an Object, but found " + ExpressionErrors.TypeName(spec));
        }

        string? from = null, local = null, foreign = null, @as = null;
        BsonDocument? let = null;
        BsonArray? pipeline = null;
        foreach (var element in d)
        {
            switch (element.Name)
            {
                case "from": from = RequireString(element); break;
                case "localField": local = RequireString(element); break;
                case "foreignField": foreign = RequireString(element); break;
                case "as": @as = RequireString(element); break;
                case "let":
                    let = element.Value as BsonDocument ?? throw ErrorCodes.Parse("$lookup argument 'let' must be an object, is type " + ExpressionErrors.TypeName(element.Value));
                    break;
                case "pipeline":
                    pipeline = element.Value as BsonArray ?? throw ErrorCodes.Parse("$lookup argument 'pipeline' must be an array, is type " + ExpressionErrors.TypeName(element.Value));
                    break;
                default:
                    throw ErrorCodes.Parse("unknown argument to $lookup: " + element.Name);
            }
        }

        if (from is null)
        {
            throw ErrorCodes.Parse("must specify 'from' field for a $lookup");
        }

        if (@as is null)
        {
            throw ErrorCodes.Parse("must specify 'as' field for a $lookup");
        }

        if (local is null != foreign is null)
        {
            throw ErrorCodes.Parse("$lookup requires both or neither of 'localField' and 'foreignField' to be specified");
        }

        if (local is null && pipeline is null)
        {
            throw ErrorCodes.Parse("$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified");
        }

        var variables = new List<(string, AggregationExpression)>();
        foreach (var element in let ?? [])
        {
            ExpressionParser.ValidateVariableName(element.Name);
            variables.Add((element.Name, AggregationExpression.Compile(element.Value, context)));
        }

        if (pipeline is not null)
        {
            // Check the inner pipeline now, with the let variables defined, so a bad one fails before any read.
            AggregationPipeline.Parse(pipeline, WithVariables(context, variables.Select(v => (v.Item1, (BsonValue)BsonNull.Value))));
        }

        return new LookupStage(from, local?.Split('.'), foreign?.Split('.'), @as.Split('.'), variables, pipeline, context);
    }

    private static string RequireString(BsonElement element) =>
        element.Value as BsonString is { } s ? s.Value : throw ErrorCodes.Parse("$lookup argument '" + element.Name + "' must be a string, is type " + ExpressionErrors.TypeName(element.Value));

    private static QueryContext WithVariables(QueryContext context, IEnumerable<(string Name, BsonValue Value)> values)
    {
        var variables = new BsonDocument(context.Variables);
        foreach (var (name, value) in values)
        {
            variables[name] = value;
        }

        return context with { Variables = variables };
    }

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<BsonDocument>? foreign = null;
        Dictionary<BsonValue, List<int>>? index = null;
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (foreign is null)
            {
                foreign = [];
                await foreach (var f in run.RequireSource("$lookup").ReadCollectionAsync(_from, cancellationToken).ConfigureAwait(false))
                {
                    foreign.Add(f);
                }

                index = _foreignField is null ? null : BuildIndex(foreign, _foreignField);
            }

            var joined = index is null ? foreign : Join(document, foreign, index);
            if (_pipeline is not null)
            {
                var context = WithVariables(_context, _let.Select(v => (v.Name, v.Value.Evaluate(document, run.Now) ?? BsonNull.Value)));
                var inner = AggregationPipeline.Parse(_pipeline, context);
                var results = new List<BsonDocument>();
                await foreach (var r in inner.ExecuteAsync(joined.ToAsyncEnumerable(), run.Source!, run.Now, cancellationToken).ConfigureAwait(false))
                {
                    results.Add(r);
                }

                joined = results;
            }

            yield return DocumentPaths.With(document, _as, new BsonArray(joined));
        }
    }

    private static Dictionary<BsonValue, List<int>> BuildIndex(List<BsonDocument> foreign, string[] path)
    {
        var index = new Dictionary<BsonValue, List<int>>(BsonValueComparer.Instance);
        for (var i = 0; i < foreign.Count; i++)
        {
            foreach (var key in LookupKeys.Foreign(foreign[i], path))
            {
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = [];
                }

                list.Add(i);
            }
        }

        return index;
    }

    private List<BsonDocument> Join(BsonDocument document, List<BsonDocument> foreign, Dictionary<BsonValue, List<int>> index)
    {
        var matches = new SortedSet<int>();
        foreach (var key in LookupKeys.Local(document, _localField!))
        {
            if (index.TryGetValue(key, out var list))
            {
                matches.UnionWith(list);
            }
        }

        return matches.Select(i => foreign[i]).ToList();
    }
}
