using Ferry.Query.Common;
using Ferry.Query.Expressions;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Projection;

/// <summary>
/// Parses a find projection into a <see cref="ProjectionLevel"/> tree and decides inclusion or exclusion mode,
/// with MongoDB 4.4+ errors (no mixing except <c>_id</c>, path collisions, one positional, <c>$elemMatch</c> top-level only).
/// </summary>
internal sealed class ProjectionParser
{
    private readonly QueryContext _context;
    private bool? _inclusion;
    private bool _positionalSeen;
    private bool? _idFlag;

    private ProjectionParser(QueryContext context) => _context = context;

    public static (ProjectionLevel Root, bool Inclusion) Parse(BsonDocument projection, QueryContext context)
    {
        var parser = new ProjectionParser(context);
        var root = new ProjectionLevel();
        parser.ParseLevel(root, projection, prefix: string.Empty);

        // Only _id (or nothing but $slice) decides nothing: { _id: 1 } returns just _id, { _id: 0 } everything else.
        var inclusion = parser._inclusion ?? parser._idFlag == true;
        if (inclusion && !root.TryGet("_id", out _))
        {
            root.Set("_id", new ProjectionField.Include());
        }

        return (root, inclusion);
    }

    private void ParseLevel(ProjectionLevel root, BsonDocument spec, string prefix)
    {
        foreach (var element in spec)
        {
            var path = prefix.Length == 0 ? element.Name : prefix + "." + element.Name;
            var value = element.Value;
            if (path.EndsWith(".$", StringComparison.Ordinal))
            {
                AddPositional(root, path, value);
                continue;
            }

            CheckComponents(path);
            if (value is BsonDocument document && !IsOperatorDocument(document))
            {
                if (document.ElementCount == 0)
                {
                    throw ErrorCodes.Create(51270, "An empty sub-projection is not a valid value. Found empty object at path: " + path);
                }

                ParseLevel(root, document, path);
                continue;
            }

            var field = ParseField(path, value);
            NoteMode(path, field);
            Add(root, path, field);
        }
    }

    private static bool IsOperatorDocument(BsonDocument document) =>
        document.ElementCount > 0 && document.GetElement(0).Name.StartsWith('$');

    private ProjectionField ParseField(string path, BsonValue value)
    {
        if (value.IsBoolean || BsonTypeOrder.IsNumber(value))
        {
            var truthy = value.IsBoolean ? value.AsBoolean : BsonValueComparer.ToDouble(value) != 0;
            return truthy ? new ProjectionField.Include() : new ProjectionField.Exclude();
        }

        if (value is BsonDocument { ElementCount: 1 } op)
        {
            var name = op.GetElement(0).Name;
            var operand = op[0];
            switch (name)
            {
                case "$slice" when TryParseSlice(operand, out var slice):
                    return slice;
                case "$elemMatch":
                    if (path.Contains('.', StringComparison.Ordinal))
                    {
                        throw ErrorCodes.Create(31275, "Cannot use $elemMatch projection on a nested field.");
                    }

                    if (operand is not BsonDocument)
                    {
                        throw ErrorCodes.Bad("elemMatch: Invalid argument, object required.");
                    }

                    var filter = new BsonDocument(path, new BsonDocument("$elemMatch", operand));
                    return new ProjectionField.ElemMatch(FilterMatcher.Compile(filter, _context));
                case "$meta":
                    throw ErrorCodes.Bad("$meta projection (" + operand + ") is not supported: Ferry has no text or vector search");
            }
        }

        return new ProjectionField.Computed(AggregationExpression.Compile(value, _context));
    }

    private static bool TryParseSlice(BsonValue operand, out ProjectionField.Slice slice)
    {
        slice = null!;
        if (BsonTypeOrder.IsNumber(operand))
        {
            slice = new ProjectionField.Slice(null, ClampToInt(operand));
            return true;
        }

        if (operand is BsonArray { Count: 2 } pair && BsonTypeOrder.IsNumber(pair[0]) && BsonTypeOrder.IsNumber(pair[1]))
        {
            var limit = ClampToInt(pair[1]);
            if (limit <= 0)
            {
                throw ErrorCodes.Bad("$slice limit must be positive");
            }

            slice = new ProjectionField.Slice(ClampToInt(pair[0]), limit);
            return true;
        }

        // An array holding anything but numbers is the aggregation $slice expression; anything else is malformed.
        if (operand is not BsonArray array || array.All(BsonTypeOrder.IsNumber))
        {
            throw ErrorCodes.Create(28724, "$slice only supports numbers and [skip, limit] arrays");
        }

        return false;
    }

    private static int ClampToInt(BsonValue number)
    {
        var d = BsonValueComparer.ToDouble(number);
        return double.IsNaN(d) ? 0 : d >= int.MaxValue ? int.MaxValue : d <= int.MinValue ? int.MinValue : (int)d;
    }

    private void AddPositional(ProjectionLevel root, string path, BsonValue value)
    {
        var arrayPath = path[..^2];
        CheckComponents(arrayPath);
        if (_positionalSeen)
        {
            throw ErrorCodes.Create(31276, "Cannot specify more than one positional projection per query.");
        }

        var truthy = value.IsBoolean ? value.AsBoolean : BsonTypeOrder.IsNumber(value) && BsonValueComparer.ToDouble(value) != 0;
        if (!truthy)
        {
            throw ErrorCodes.Create(31395, "Cannot exclude array elements with the positional operator");
        }

        _positionalSeen = true;
        var field = new ProjectionField.Positional();
        NoteMode(path, field);
        Add(root, arrayPath, field);
    }

    private static void CheckComponents(string path)
    {
        foreach (var component in FieldPath.Split(path))
        {
            if (component == "$")
            {
                throw ErrorCodes.Create(31394, "As of 4.4, it's illegal to specify positional operator in the middle of a path."
                    + "Positional projection may only be used at the end, for example: a.b.$. If the query previously used a form"
                    + " like a.b.$.d, remove the parts following the '$' and the results will be equivalent.");
            }

            if (component.Length == 0)
            {
                throw ErrorCodes.Create(15998, "FieldPath field names may not be empty strings.");
            }

            if (component.StartsWith('$'))
            {
                throw ErrorCodes.Create(16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
        }
    }

    private void NoteMode(string path, ProjectionField field)
    {
        bool? inclusion = field switch
        {
            ProjectionField.Include or ProjectionField.Computed or ProjectionField.Positional or ProjectionField.ElemMatch => true,
            ProjectionField.Exclude => false,
            _ => null,
        };
        if (path == "_id" && field is ProjectionField.Include or ProjectionField.Exclude)
        {
            _idFlag = inclusion;
            return;
        }

        if (inclusion is null)
        {
            return;
        }

        if (_inclusion is null)
        {
            _inclusion = inclusion;
        }
        else if (_inclusion != inclusion)
        {
            throw _inclusion.Value
                ? ErrorCodes.Create(31254, "Cannot do exclusion on field " + path + " in inclusion projection")
                : ErrorCodes.Create(31253, "Cannot do inclusion on field " + path + " in exclusion projection");
        }
    }

    private static void Add(ProjectionLevel root, string path, ProjectionField field)
    {
        var parts = FieldPath.Split(path);
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
