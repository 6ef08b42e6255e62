using System.Runtime.CompilerServices;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// $graphLookup: a breadth-first search through another collection, from the values of startWith, following
/// connectFromField → connectToField (equality with $lookup's array rules) up to maxDepth, each document once.
/// The foreign collection is read once per execution and hashed by connectToField.
/// </summary>
internal sealed class GraphLookupStage : PipelineStage
{
    private readonly string _from;
    private readonly AggregationExpression _startWith;
    private readonly string[] _connectFrom;
    private readonly string[] _connectTo;
    private readonly string[] _as;
    private readonly long? _maxDepth;
    private readonly string[]? _depthField;
    private readonly FilterMatcher? _restrict;

    private GraphLookupStage(BsonDocument spec, QueryContext context)
    {
        string Required(string name) => spec.TryGetValue(name, out var v) && v is BsonString s ? s.Value
            : throw ErrorCodes.Create(40105, "$graphLookup requires '" + name + "' to be a string");
        foreach (var element in spec)
        {
            if (element.Name is not ("from" or "startWith" or "connectFromField" or "connectToField" or "as" or "maxDepth" or "depthField" or "restrictSearchWithMatch"))
            {
                throw ErrorCodes.Create(40104, "Unknown argument to $graphLookup: " + element.Name);
            }
        }

        _from = Required("from");
        _startWith = AggregationExpression.Compile(spec.GetValue("startWith", null) ?? throw ErrorCodes.Create(40105, "$graphLookup requires 'startWith'"), context);
        _connectFrom = Required("connectFromField").Split('.');
        _connectTo = Required("connectToField").Split('.');
        _as = Required("as").Split('.');
        if (spec.TryGetValue("maxDepth", out var depth))
        {
            if (!depth.IsNumeric || !Expressions.Operators.Numeric.TryToLongExact(depth, out var d) || d < 0)
            {
                throw ErrorCodes.Create(40101, "maxDepth requires a nonnegative argument, found: " + depth);
            }

            _maxDepth = d;
        }

        _depthField = spec.TryGetValue("depthField", out var df) ? df.AsString.Split('.') : null;
        _restrict = spec.TryGetValue("restrictSearchWithMatch", out var r)
            ? FilterMatcher.Compile(r as BsonDocument ?? throw ErrorCodes.Create(40185, "restrictSearchWithMatch must be an object"), context)
            : null;
    }

    public override string Name => "$graphLookup";

    public static GraphLookupStage Parse(BsonValue spec, QueryContext context) =>
        new(spec as BsonDocument ?? throw ErrorCodes.Create(40327, "the $graphLookup stage specification must be an object"), context);

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
                await foreach (var f in run.RequireSource("$graphLookup").ReadCollectionAsync(_from, cancellationToken).ConfigureAwait(false))
                {
                    if (_restrict is null || _restrict.Matches(f))
                    {
                        foreign.Add(f);
                    }
                }

                index = new Dictionary<BsonValue, List<int>>(BsonValueComparer.Instance);
                for (var i = 0; i < foreign.Count; i++)
                {
                    foreach (var key in LookupKeys.Foreign(foreign[i], _connectTo))
                    {
                        if (!index.TryGetValue(key, out var list))
                        {
                            index[key] = list = [];
                        }

                        list.Add(i);
                    }
                }
            }

            yield return DocumentPaths.With(document, _as, Search(document, foreign, index!, run.Now));
        }
    }

    private BsonArray Search(BsonDocument document, List<BsonDocument> foreign, Dictionary<BsonValue, List<int>> index, DateTime now)
    {
        var start = _startWith.Evaluate(document, now) ?? BsonNull.Value;
        var frontier = start is BsonArray a ? a.ToList() : [start];
        var visited = new HashSet<int>();
        var results = new BsonArray();
        for (long depth = 0; frontier.Count > 0 && (_maxDepth is null || depth <= _maxDepth); depth++)
        {
            var next = new List<BsonValue>();
            foreach (var value in frontier)
            {
                if (!index.TryGetValue(value, out var matches))
                {
                    continue;
                }

                foreach (var i in matches)
                {
                    if (!visited.Add(i))
                    {
                        continue;
                    }

                    var found = foreign[i];
                    results.Add(_depthField is null ? found : DocumentPaths.With(found, _depthField, new BsonInt64(depth)));
                    next.AddRange(LookupKeys.Local(found, _connectFrom).Where(v => v is not BsonNull || DocumentPaths.Get(found, _connectFrom) is not null));
                }
            }

            frontier = next;
        }

        return results;
    }
}
