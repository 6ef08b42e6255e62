using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// The parsed form of a $project / $addFields / $unset specification: per field either included, excluded,
/// computed by an expression, or a sub-tree for a dotted path. Application follows MongoDB's projection
/// executor: inclusions keep the input's field order, computed fields are set afterwards (in place when the
/// field already exists, else appended), and sub-trees reach into documents and arrays of documents.
/// </summary>
internal sealed class ProjectionTree
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);

    private enum Kind
    {
        Include,
        Exclude,
        Computed,
        Child,
    }

    public bool HasComputed => _entries.Any(e => e.Kind == Kind.Computed || e.Kind == Kind.Child && e.Child!.HasComputed);

    private bool HasInclusions => _entries.Any(e => e.Kind == Kind.Include || e.Kind == Kind.Child && e.Child!.HasInclusions);

    private bool HasExclusions => _entries.Any(e => e.Kind == Kind.Exclude || e.Kind == Kind.Child && e.Child!.HasExclusions);

    /// <summary>Parses a specification. <paramref name="stage"/> names the stage in errors.</summary>
    public static ProjectionTree Parse(BsonDocument spec, string stage, QueryContext context, bool computedOnly)
    {
        var tree = new ProjectionTree();
        tree.AddAll(spec, string.Empty, stage, context, computedOnly);
        return tree;
    }

    /// <summary>A tree excluding each listed path ($unset).</summary>
    public static ProjectionTree Exclusion(IEnumerable<string> paths)
    {
        var tree = new ProjectionTree();
        foreach (var path in paths)
        {
            tree.Add(path.Split('.'), 0, path, new Entry(string.Empty, Kind.Exclude), "$unset");
        }

        return tree;
    }

    /// <summary>Whether a $project tree is an exclusion projection; mixing both kinds fails as MongoDB does.</summary>
    public bool ValidateProjectMode()
    {
        var inclusive = _entries.Any(e => e.Name != "_id" && (e.Kind is Kind.Include or Kind.Computed || e.Kind == Kind.Child && (e.Child!.HasInclusions || e.Child.HasComputed)))
            || _entries.Any(e => e.Name == "_id" && (e.Kind == Kind.Computed || e.Kind == Kind.Child));
        var exclusive = _entries.Any(e => e.Name != "_id" && (e.Kind == Kind.Exclude || e.Kind == Kind.Child && e.Child!.HasExclusions));
        if (inclusive && exclusive)
        {
            throw ErrorCodes.Create(31254, "Invalid $project :: caused by :: Cannot do exclusion on field " + FirstPath(Kind.Exclude) + " in inclusion projection");
        }

        if (!inclusive && !exclusive && _entries.Count == 1 && _entries[0].Kind == Kind.Include)
        {
            return false; // { _id: 1 } alone is an inclusion projection.
        }

        return !inclusive;
    }

    /// <summary>Inclusion projection: only the included and computed fields (and _id unless excluded).</summary>
    public BsonDocument ApplyInclusion(BsonDocument document, BsonDocument root, DateTime now, bool isTop)
    {
        var output = new BsonDocument();
        foreach (var element in document)
        {
            if (_byName.TryGetValue(element.Name, out var entry))
            {
                if (entry.Kind == Kind.Include)
                {
                    output.Add(element);
                }
                else if (entry.Kind == Kind.Child)
                {
                    if (entry.Child!.ProjectValue(element.Value, root, now) is { } projected)
                    {
                        output.Add(element.Name, projected);
                    }
                }
            }
            else if (isTop && element.Name == "_id")
            {
                output.Add(element);
            }
        }

        AddComputed(output, root, now);
        return output;
    }

    /// <summary>Exclusion projection ($project with exclusions, $unset): everything but the excluded paths.</summary>
    public BsonDocument ApplyExclusion(BsonDocument document)
    {
        var output = new BsonDocument();
        foreach (var element in document)
        {
            if (!_byName.TryGetValue(element.Name, out var entry))
            {
                output.Add(element);
            }
            else if (entry.Kind == Kind.Child)
            {
                output.Add(element.Name, entry.Child!.ExcludeValue(element.Value));
            }
            else if (entry.Kind == Kind.Include)
            {
                output.Add(element);
            }
        }

        return output;
    }

    /// <summary>$addFields: the whole document with the computed fields set.</summary>
    public BsonDocument ApplyAddFields(BsonDocument document, BsonDocument root, DateTime now)
    {
        var output = new BsonDocument(document);
        AddComputed(output, root, now);
        return output;
    }

    /// <summary>Inclusion below a dotted path: documents are projected, arrays element by element; other values are
    /// dropped, unless computed fields will replace them with documents (so <c>{ "a.b": { $literal: 1 } }</c> turns
    /// <c>a: [1, {}]</c> into <c>a: [{ b: 1 }, { b: 1 }]</c>).</summary>
    private BsonValue? ProjectValue(BsonValue value, BsonDocument root, DateTime now) => value switch
    {
        BsonDocument d => ApplyInclusion(d, root, now, isTop: false),
        BsonArray a => new BsonArray(a.Select(v => ProjectValue(v, root, now)).Where(v => v is not null)),
        _ => HasComputed ? value : null,
    };

    private BsonValue ExcludeValue(BsonValue value) => value switch
    {
        BsonDocument d => ApplyExclusion(d),
        BsonArray a => new BsonArray(a.Select(ExcludeValue)),
        _ => value,
    };

    private void AddComputed(BsonDocument output, BsonDocument root, DateTime now)
    {
        foreach (var entry in _entries)
        {
            BsonValue? value;
            if (entry.Kind == Kind.Computed)
            {
                value = entry.Expression!.Evaluate(root, now);
            }
            else if (entry.Kind == Kind.Child && entry.Child!.HasComputed)
            {
                value = entry.Child.ComputeInto(output.TryGetValue(entry.Name, out var existing) ? existing : null, root, now);
            }
            else
            {
                continue;
            }

            if (value is null)
            {
                output.Remove(entry.Name);
            }
            else
            {
                output[entry.Name] = value;
            }
        }
    }

    /// <summary>Applies computed sub-fields to a value: into a document, into each element of an array, and
    /// replacing anything else with a new document of the computed fields (as MongoDB does).</summary>
    private BsonValue ComputeInto(BsonValue? value, BsonDocument root, DateTime now)
    {
        switch (value)
        {
            case BsonDocument d:
                var copy = new BsonDocument(d);
                AddComputed(copy, root, now);
                return copy;
            case BsonArray a:
                return new BsonArray(a.Select(v => ComputeInto(v, root, now)));
            default:
                var fresh = new BsonDocument();
                AddComputed(fresh, root, now);
                return fresh;
        }
    }

    private string FirstPath(Kind kind)
    {
        foreach (var entry in _entries)
        {
            if (entry.Kind == kind && entry.Name != "_id")
            {
                return entry.Name;
            }

            if (entry.Kind == Kind.Child && entry.Child!.FirstPathOrNull(kind) is { } inner)
            {
                return entry.Name + "." + inner;
            }
        }

        return "_id";
    }

    private string? FirstPathOrNull(Kind kind)
    {
        var path = FirstPath(kind);
        return path == "_id" && !_byName.ContainsKey("_id") ? null : path;
    }

    private void AddAll(BsonDocument spec, string prefix, string stage, QueryContext context, bool computedOnly)
    {
        if (spec.ElementCount == 0)
        {
            throw ErrorCodes.Create(51270, "Invalid " + stage + " :: caused by :: An empty sub-projection is not a valid value. Found empty object at path" +
                (prefix.Length == 0 ? string.Empty : " " + prefix.TrimEnd('.')));
        }

        foreach (var element in spec)
        {
            var fullPath = prefix + element.Name;
            if (element.Name.Split('.').Any(p => p.StartsWith('$')))
            {
                throw ErrorCodes.Create(16410, "Invalid " + stage + " :: caused by :: FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }

            if (element.Name.Length == 0 || element.Name.Split('.').Any(p => p.Length == 0))
            {
                throw ErrorCodes.Create(15998, "Invalid " + stage + " :: caused by :: FieldPath field names may not be empty strings.");
            }

            var value = element.Value;

            // In $addFields/$set an empty object is a value ({} replaces the field), not an empty sub-projection.
            if (value is BsonDocument d && (d.ElementCount == 0 ? !computedOnly : !d.GetElement(0).Name.StartsWith('$')))
            {
                // A nested specification: { a: { b: 1 } } means "a.b".
                var parts = element.Name.Split('.');
                var subtree = new ProjectionTree();
                subtree.AddAll(d, fullPath + ".", stage, context, computedOnly);
                Add(parts, 0, fullPath, new Entry(string.Empty, Kind.Child) { Child = subtree }, stage);
                continue;
            }

            Entry entry;
            if (!computedOnly && (value.IsNumeric || value.IsBoolean))
            {
                entry = new Entry(string.Empty, value.ToBoolean() ? Kind.Include : Kind.Exclude);
            }
            else
            {
                entry = new Entry(string.Empty, Kind.Computed) { Expression = AggregationExpression.Compile(value, context) };
            }

            Add(element.Name.Split('.'), 0, fullPath, entry, stage);
        }
    }

    private void Add(string[] parts, int index, string fullPath, Entry leaf, string stage)
    {
        var name = parts[index];
        _byName.TryGetValue(name, out var existing);
        if (index == parts.Length - 1)
        {
            if (existing is not null)
            {
                if (existing.Kind == Kind.Child && leaf.Kind == Kind.Child)
                {
                    existing.Child!.Merge(leaf.Child!, fullPath, stage);
                    return;
                }

                throw Collision(fullPath, stage);
            }

            var entry = leaf with { Name = name };
            _entries.Add(entry);
            _byName[name] = entry;
            return;
        }

        if (existing is null)
        {
            existing = new Entry(name, Kind.Child) { Child = new ProjectionTree() };
            _entries.Add(existing);
            _byName[name] = existing;
        }
        else if (existing.Kind != Kind.Child)
        {
            throw Collision(fullPath, stage);
        }

        existing.Child!.Add(parts, index + 1, fullPath, leaf, stage);
    }

    private void Merge(ProjectionTree other, string fullPath, string stage)
    {
        foreach (var entry in other._entries)
        {
            Add([entry.Name], 0, fullPath + "." + entry.Name, entry, stage);
        }
    }

    private static MqlException Collision(string path, string stage) =>
        ErrorCodes.Create(31250, "Invalid " + stage + " :: caused by :: Path collision at " + path);

    private sealed record Entry(string Name, Kind Kind)
    {
        public AggregationExpression? Expression { get; init; }

        public ProjectionTree? Child { get; init; }
    }
}
