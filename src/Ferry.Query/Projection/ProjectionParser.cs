using Ferry.Query.Common;
using Ferry.Query.Expressions;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Projection;

/// <summary>
/// Parses a find projection into a <see cref="ProjectionLevel"/> tree and decides inclusion or exclusion the way
/// MongoDB 4.4+ does (projection_parser.cpp): the first inclusion, exclusion or computed field (other than
/// <c>_id</c>) fixes the mode; otherwise <c>$slice</c>, <c>$elemMatch</c> and <c>_id</c> decide.
/// </summary>
internal sealed class ProjectionParser
{
    private readonly QueryContext _context;
    private bool? _inclusion;
    private bool _hasPositional;
    private bool _hasElemMatch;
    private bool _hasFindSlice;
    private bool _idIncluded;

    private ProjectionParser(QueryContext context) => _context = context;

    public static (ProjectionLevel Root, bool Inclusion) Parse(BsonDocument projection, QueryContext context)
    {
        var parser = new ProjectionParser(context);
        var root = new ProjectionLevel();
        foreach (var element in projection)
        {
            parser.ParseElement(element, string.Empty, root);
        }

        var inclusion = parser._inclusion
            ?? (parser._hasFindSlice ? parser._idIncluded : parser._hasElemMatch || parser._idIncluded);
        if (inclusion && !root.TryGet("_id", out _))
        {
            root.Set("_id", new ProjectionField.Include());
        }

        return (root, inclusion);
    }

    /// <param name="prefix">Dotted path of the sub-projection the element sits in ("" at the top).</param>
    private void ParseElement(BsonElement element, string prefix, ProjectionLevel root)
    {
        var name = element.Name;
        var positional = name.EndsWith(".$", StringComparison.Ordinal);
        if (name.Contains(".$.", StringComparison.Ordinal))
        {
            throw ErrorCodes.Create(31394, "As of 4.4, it's illegal to specify positional operator in the middle of a path."
                + "Positional projection may only be used at the end, for example: a.b.$. If the query previously used a form"
                + " like a.b.$.d, remove the parts following the '$' and the results will be equivalent.");
        }

        var path = prefix.Length == 0 ? name : prefix + "." + name;
        var isTopLevelId = name == "_id" && prefix.Length == 0;
        var value = element.Value;
        if (value is BsonDocument document)
        {
            if (positional)
            {
                throw ErrorCodes.Create(31271, "positional projection cannot be used with an expression or sub object");
            }

            ParseSubObject(name, path, document, root);
        }
        else if (value.IsBoolean || BsonTypeOrder.IsNumber(value))
        {
            if (OperandIsTrue(value))
            {
                ParseInclusion(name, path, positional, isTopLevelId, root);
            }
            else
            {
                if (positional)
                {
                    throw ErrorCodes.Create(31395, "positional projection cannot be used with exclusion");
                }

                Add(root, path, new ProjectionField.Exclude());
                if (!isTopLevelId)
                {
                    SetMode(inclusion: false, name);
                }
            }
        }
        else
        {
            if (positional)
            {
                throw ErrorCodes.Create(31308, "positional projection cannot be used with a literal");
            }

            Add(root, path, new ProjectionField.Computed(AggregationExpression.Compile(value, _context)));
            if (_inclusion == false)
            {
                throw ErrorCodes.Create(31310, "Cannot use an expression " + name + ": " + value.ToJson() + " in an exclusion projection");
            }

            _inclusion = true;
        }
    }

    private static bool OperandIsTrue(BsonValue value) =>
        value.IsBoolean ? value.AsBoolean : BsonValueComparer.ToDouble(value) != 0;

    private void ParseInclusion(string name, string path, bool positional, bool isTopLevelId, ProjectionLevel root)
    {
        if (!positional)
        {
            Add(root, path, new ProjectionField.Include());
            if (isTopLevelId)
            {
                _idIncluded = true;
                return;
            }
        }
        else
        {
            if (_hasPositional)
            {
                throw ErrorCodes.Create(31276, "Cannot specify more than one positional projection per query.");
            }

            if (_hasElemMatch)
            {
                throw ErrorCodes.Create(31256, "Cannot specify positional operator and $elemMatch.");
            }

            if (name == ".$")
            {
                throw ErrorCodes.Create(5392900, "Projection on field " + name + " is invalid");
            }

            Add(root, path[..^2], new ProjectionField.Positional());
            _hasPositional = true;
        }

        SetMode(inclusion: true, name);
    }

    private void ParseSubObject(string name, string path, BsonDocument document, ProjectionLevel root)
    {
        if (document.ElementCount == 0)
        {
            throw ErrorCodes.Create(51270, "Invalid empty sub-projection: " + name);
        }

        if (document.ElementCount == 1 && document.GetElement(0).Name.StartsWith('$'))
        {
            Add(root, path, ParseOperator(name, path, document));
            return;
        }

        foreach (var element in document)
        {
            ParseElement(element, path, root);
        }
    }

    /// <summary><c>{ $slice: ... }</c>, <c>{ $elemMatch: ... }</c>, or an aggregation expression (computed field).</summary>
    private ProjectionField ParseOperator(string name, string path, BsonDocument document)
    {
        var op = document.GetElement(0).Name;
        var operand = document[0];
        switch (op)
        {
            case "$slice":
                var findSlice = FindSlice.TryParse(operand, out var slice);
                if (findSlice is null)
                {
                    _hasFindSlice = true;
                    return slice!;
                }

                try
                {
                    return ComputedExpression(name, document);
                }
                catch (MqlException ex)
                {
                    throw new MqlException(ex.Code, ex.CodeName, "Invalid $slice syntax. The given syntax " + document.ToJson()
                        + " did not match the find() syntax because :: " + findSlice + " :: The given syntax did not match the"
                        + " expression $slice syntax. :: caused by :: " + ex.Message, ex);
                }

            case "$elemMatch":
                if (operand is not BsonDocument)
                {
                    throw ErrorCodes.Create(31274, "elemMatch: Invalid argument, object required, but got " + operand.BsonType);
                }

                if (_hasPositional)
                {
                    throw ErrorCodes.Create(31255, "Cannot specify positional operator and $elemMatch.");
                }

                if (path.Contains('.', StringComparison.Ordinal))
                {
                    throw ErrorCodes.Create(31275, "Cannot use $elemMatch projection on a nested field.");
                }

                _hasElemMatch = true;
                return new ProjectionField.ElemMatch(FilterMatcher.Compile(new BsonDocument(path, document), _context));
            case "$meta":
                throw ErrorCodes.Bad("$meta projection (" + operand + ") is not supported: Ferry has no text or vector search");
            default:
                return ComputedExpression(name, document);
        }
    }

    private ProjectionField.Computed ComputedExpression(string name, BsonDocument expression)
    {
        if (_inclusion == false)
        {
            throw ErrorCodes.Create(31252, "Cannot use expression other than $meta in exclusion projection");
        }

        var compiled = AggregationExpression.Compile(expression, _context);
        _inclusion = true;
        return new ProjectionField.Computed(compiled);
    }

    private void SetMode(bool inclusion, string name)
    {
        if (_inclusion is { } current && current != inclusion)
        {
            throw current
                ? ErrorCodes.Create(31254, "Cannot do exclusion on field " + name + " in inclusion projection")
                : ErrorCodes.Create(31253, "Cannot do inclusion on field " + name + " in exclusion projection");
        }

        _inclusion = inclusion;
    }

    private static void Add(ProjectionLevel root, string path, ProjectionField field)
    {
        var parts = FieldPath.Split(path);
        foreach (var component in parts)
        {
            if (component.Length == 0)
            {
                throw ErrorCodes.Create(15998, "FieldPath field names may not be empty strings.");
            }

            if (component.StartsWith('$'))
            {
                throw ErrorCodes.Create(16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
        }

        var level = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!level.TryGet(parts[i], out var existing))
            {
                var nested = new ProjectionField.Nested(new ProjectionLevel());
                level.Set(parts[i], nested);
                level = nested.Level;
            }
            else if (existing is ProjectionField.Nested nested)
            {
                level = nested.Level;
            }
            else
            {
                throw ErrorCodes.Create(31249, "Path collision at " + path + " remaining portion " + string.Join('.', parts[(i + 1)..]));
            }
        }

        if (level.TryGet(parts[^1], out _))
        {
            throw ErrorCodes.Create(31250, "Path collision at " + path);
        }

        level.Set(parts[^1], field);
    }
}
