using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>
/// Turns an expression document into a tree of <see cref="ExpressionNode"/>s: literals, field paths,
/// variables (system, user-defined via <see cref="QueryContext.Variables"/>, and local ones declared by
/// $let/$map/$filter/$reduce, which get numbered slots), expression objects and arrays, and operators.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly List<Dictionary<string, int>> _scopes = [];

    public ExpressionParser(QueryContext context) => Context = context;

    public QueryContext Context { get; }

    /// <summary>How many local-variable slots the compiled tree needs.</summary>
    public int SlotCount { get; private set; }

    public ExpressionNode Parse(BsonValue expression)
    {
        switch (expression)
        {
            case BsonString s when s.Value.StartsWith("$$", StringComparison.Ordinal):
                return ParseVariable(s.Value[2..]);
            case BsonString s when s.Value.StartsWith('$'):
                return new FieldPathNode(scope => scope.Current, SplitPath(s.Value[1..], s.Value));
            case BsonDocument d:
                return ParseObject(d);
            case BsonArray a:
                return new ArrayNode(a.Select(Parse).ToArray());
            default:
                return new LiteralNode(expression);
        }
    }

    /// <summary>An operator's operand as an argument list: an array's elements, or the operand itself.</summary>
    public ExpressionNode[] Arguments(BsonValue operand) =>
        operand is BsonArray a ? a.Select(Parse).ToArray() : [Parse(operand)];

    public ExpressionNode[] Exactly(string name, BsonValue operand, int count)
    {
        var args = Arguments(operand);
        if (args.Length != count)
        {
            throw ExpressionErrors.ArgumentCount(name, count, args.Length);
        }

        return args;
    }

    public ExpressionNode[] Between(string name, BsonValue operand, int min, int max)
    {
        var args = Arguments(operand);
        if (args.Length < min || args.Length > max)
        {
            throw ExpressionErrors.ArgumentRange(name, min, max, args.Length);
        }

        return args;
    }

    /// <summary>
    /// The named arguments of a document-form operator (<c>{ $filter: { input, as, cond } }</c>), checking that the
    /// operand is a document, every name is known, and the required ones are present.
    /// </summary>
    public static Dictionary<string, BsonValue> Named(string name, BsonValue operand, string[] required, string[] optional) =>
        Named(name, operand, required, optional, new NamedArgumentCodes(28646, 28647, _ => 28648));

    /// <summary>As <see cref="Named(string, BsonValue, string[], string[])"/> with the operator's own error codes.</summary>
    public static Dictionary<string, BsonValue> Named(string name, BsonValue operand, string[] required, string[] optional, NamedArgumentCodes codes)
    {
        if (operand is not BsonDocument document)
        {
            throw ExpressionErrors.Location(codes.NotAnObject, name + " only supports an object as its argument");
        }

        var result = new Dictionary<string, BsonValue>(StringComparer.Ordinal);
        foreach (var element in document)
        {
            if (!required.Contains(element.Name) && !optional.Contains(element.Name))
            {
                throw ExpressionErrors.Location(codes.Unknown, "Unrecognized parameter to " + name + ": " + element.Name);
            }

            result[element.Name] = element.Value;
        }

        foreach (var r in required)
        {
            if (!result.ContainsKey(r))
            {
                throw ExpressionErrors.Location(codes.Missing(r), "Missing '" + r + "' parameter to " + name);
            }
        }

        return result;
    }

    /// <summary>Opens a scope of local variables; each gets a slot the evaluation fills.</summary>
    public int[] DeclareVariables(IReadOnlyList<string> names)
    {
        var scope = new Dictionary<string, int>(StringComparer.Ordinal);
        var slots = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            ValidateVariableName(names[i]);
            slots[i] = SlotCount++;
            scope[names[i]] = slots[i];
        }

        _scopes.Add(scope);
        return slots;
    }

    public void CloseScope() => _scopes.RemoveAt(_scopes.Count - 1);

    public static void ValidateVariableName(string name)
    {
        if (name.Length == 0)
        {
            throw ExpressionErrors.Location(16866, "empty variable names are not allowed");
        }

        var first = name[0];
        if (!(first is >= 'a' and <= 'z') && first < 128)
        {
            throw ExpressionErrors.Location(16867, "'" + name + "' starts with an invalid character for a user variable name");
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c >= 128))
            {
                throw ExpressionErrors.Location(16868, "'" + name + "' contains an invalid character for a variable name: '" + c + "'");
            }
        }
    }

    private ExpressionNode ParseObject(BsonDocument document)
    {
        if (document.ElementCount > 0 && document.GetElement(0).Name.StartsWith('$'))
        {
            if (document.ElementCount != 1)
            {
                throw ExpressionErrors.Location(15983, "an expression specification must contain exactly one field, the name of the expression. Found " +
                    document.ElementCount + " fields in " + document.ToJson());
            }

            var element = document.GetElement(0);
            if (!OperatorTable.TryGet(element.Name, out var parser))
            {
                throw ExpressionErrors.UnknownOperator(element.Name);
            }

            return parser(this, element.Name, element.Value);
        }

        var fields = new List<(string, ExpressionNode)>(document.ElementCount);
        foreach (var element in document)
        {
            if (element.Name.StartsWith('$'))
            {
                throw ExpressionErrors.Location(16404, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }

            if (element.Name.Contains('.', StringComparison.Ordinal))
            {
                throw ExpressionErrors.Location(16412, "FieldPath field names may not contain '.'. Consider using $getField or $setField.");
            }

            fields.Add((element.Name, Parse(element.Value)));
        }

        return new ObjectNode(fields);
    }

    private ExpressionNode ParseVariable(string reference)
    {
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? reference : reference[..dot];
        var path = dot < 0 ? [] : SplitPath(reference[(dot + 1)..], "$$" + reference);
        Func<EvaluationScope, BsonValue?> start = ResolveVariable(name);
        return new FieldPathNode(start, path);
    }

    private Func<EvaluationScope, BsonValue?> ResolveVariable(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(name, out var slot))
            {
                return scope => scope.Slots[slot];
            }
        }

        switch (name)
        {
            case "ROOT":
                return scope => scope.Root;
            case "CURRENT":
                return scope => scope.Current;
            case "DESCEND":
            case "PRUNE":
            case "KEEP":
                var word = new BsonString(name.ToLowerInvariant());
                return _ => word;
            case "NOW":
                return scope => new BsonDateTime(scope.Now);
            case "CLUSTER_TIME":
                return scope => new BsonTimestamp((int)new DateTimeOffset(scope.Now).ToUnixTimeSeconds(), 1);
            case "REMOVE":
                return _ => null;
        }

        if (Context.Variables.TryGetValue(name, out var value))
        {
            return _ => value;
        }

        if (name.Length == 0)
        {
            throw ExpressionErrors.Location(16869, "empty variable names are not allowed");
        }

        throw ExpressionErrors.Location(17276, "Use of undefined variable: " + name);
    }

    private static string[] SplitPath(string path, string original)
    {
        if (path.Length == 0)
        {
            throw ExpressionErrors.Location(16872, "'" + original + "' by itself is not a valid FieldPath");
        }

        var parts = path.Split('.');
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                throw ExpressionErrors.Location(15998, "FieldPath field names may not be empty strings.");
            }

            if (part.StartsWith('$'))
            {
                throw ExpressionErrors.Location(16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
        }

        return parts;
    }
}

/// <summary>The error codes a document-form operator uses for a non-document operand, an unknown and a missing argument.</summary>
internal sealed record NamedArgumentCodes(int NotAnObject, int Unknown, Func<string, int> Missing);
