using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// Turns a filter document into a <see cref="MatchNode"/> tree: top-level operators ($and $or $nor $expr
/// $comment ...) here, field operators in <see cref="OperatorParser"/>. Bad filters throw MongoDB's errors.
/// </summary>
internal static class FilterParser
{
    /// <param name="topLevel">False inside <c>$elemMatch</c>, where <c>$expr</c> is not allowed.</param>
    public static MatchNode Parse(BsonDocument filter, QueryContext context, bool topLevel)
    {
        var nodes = new List<MatchNode>();
        foreach (var element in filter)
        {
            var node = ParseElement(element, context, topLevel);
            if (node is not null)
            {
                nodes.Add(node);
            }
        }

        return nodes.Count == 1 ? nodes[0] : new AndNode(nodes);
    }

    private static MatchNode? ParseElement(BsonElement element, QueryContext context, bool topLevel)
    {
        var name = element.Name;
        if (!name.StartsWith('$'))
        {
            return ParseField(name, element.Value, context);
        }

        switch (name)
        {
            case "$and":
                return new AndNode(ParseClauses(name, element.Value, context, topLevel));
            case "$or":
                return SimplifyOr(ParseClauses(name, element.Value, context, topLevel));
            case "$nor":
                return new NotNode(new OrNode(ParseClauses(name, element.Value, context, topLevel)));
            case "$comment":
                return null;
            case "$expr":
                if (!topLevel)
                {
                    throw ErrorCodes.Bad("$expr can only be applied to the top-level document");
                }

                return new ExprNode(AggregationExpression.Compile(element.Value, context));
            case "$alwaysTrue":
            case "$alwaysFalse":
                if (!BsonTypeOrder.IsNumber(element.Value) || BsonValueComparer.ToDouble(element.Value) != 1)
                {
                    throw ErrorCodes.Create(ErrorCodes.FailedToParse, name + " must be an integer value of 1");
                }

                return new ConstantNode(name == "$alwaysTrue");
            case "$where":
                throw ErrorCodes.Bad("$where is not supported: Ferry does not run server-side JavaScript in queries");
            case "$text":
                throw ErrorCodes.Create(ErrorCodes.IndexNotFound, "text index required for $text query (Ferry's embedded store has no text indexes)");
            case "$jsonSchema":
                if (!topLevel)
                {
                    throw ErrorCodes.Bad("$jsonSchema can only be applied to the top-level document");
                }

                return element.Value is BsonDocument schema
                    ? new JsonSchemaNode(Schema.JsonSchemaValidator.Compile(schema))
                    : throw ErrorCodes.Type("$jsonSchema must be an object");
            case "$sampleRate":
                throw ErrorCodes.Bad("$sampleRate is not supported by Ferry's query engine (results must be reproducible)");
            case "$ref":
            case "$id":
            case "$db":
                // DBRef fields queried directly (e.g. inside $elemMatch) are plain equalities.
                return new PathNode(name, EqualityPredicate.Create(element.Value));
            default:
                throw ErrorCodes.Bad("unknown top level operator: " + name + (name == "$not"
                    ? ". If you are trying to negate an entire expression, use $nor."
                    : ". If you have a field name that starts with a '$' symbol, consider using $getField or $setField."));
        }
    }

    /// <summary>
    /// MongoDB's rewrites of <c>$or</c> that change which array position is recorded: a single clause stands alone,
    /// and equalities (or regexes) on one path become one <c>$in</c>.
    /// </summary>
    private static MatchNode SimplifyOr(List<MatchNode> clauses)
    {
        if (clauses.Count == 1)
        {
            return clauses[0];
        }

        var path = (clauses[0] as PathNode)?.Path;
        var values = new List<BsonValue>();
        var regexes = new List<RegexPredicate>();
        foreach (var clause in clauses)
        {
            if (clause is not PathNode node || node.Path != path)
            {
                return new OrNode(clauses);
            }

            switch (node.Predicate)
            {
                case EqualityPredicate equality when equality.Operand is not BsonRegularExpression:
                    values.Add(equality.Operand);
                    break;
                case RegexPredicate regex:
                    regexes.Add(regex);
                    break;
                default:
                    return new OrNode(clauses);
            }
        }

        return new PathNode(path!, new InPredicate(values, regexes));
    }

    private static List<MatchNode> ParseClauses(string name, BsonValue value, QueryContext context, bool topLevel)
    {
        if (value is not BsonArray clauses)
        {
            throw ErrorCodes.Bad(name + " must be an array");
        }

        if (clauses.Count == 0)
        {
            throw ErrorCodes.Bad("$and/$or/$nor must be a nonempty array");
        }

        var nodes = new List<MatchNode>(clauses.Count);
        foreach (var clause in clauses)
        {
            if (clause is not BsonDocument document)
            {
                throw ErrorCodes.Bad("$or/$and/$nor entries need to be full objects");
            }

            nodes.Add(Parse(document, context, topLevel));
        }

        return nodes;
    }

    /// <summary><c>{ path: value }</c>: operators, a regular expression, or plain equality.</summary>
    public static MatchNode ParseField(string path, BsonValue value, QueryContext context)
    {
        if (value is BsonDocument document && IsOperatorDocument(document, allowIncompleteDbRef: false))
        {
            return OperatorParser.Parse(document, path, context).ToPathNode(path);
        }

        if (value is BsonRegularExpression regex)
        {
            return new PathNode(path, RegexPredicate.Create(regex.Pattern, regex.Options));
        }

        return new PathNode(path, EqualityPredicate.Create(value));
    }

    /// <summary>
    /// A document whose first field starts with <c>$</c> and that is not a DBRef (MongoDB's isExpressionDocument):
    /// a DBRef has <c>$ref</c> and <c>$id</c>, or, where incomplete ones are allowed, any of <c>$ref $id $db</c>.
    /// </summary>
    public static bool IsOperatorDocument(BsonDocument document, bool allowIncompleteDbRef)
    {
        if (document.ElementCount == 0 || !document.GetElement(0).Name.StartsWith('$'))
        {
            return false;
        }

        var hasRef = document.Contains("$ref");
        var hasId = document.Contains("$id");
        var isDbRef = allowIncompleteDbRef ? hasRef || hasId || document.Contains("$db") : hasRef && hasId;
        return !isDbRef;
    }
}
