using Ferry.Core.Transform.Rules;
using Ferry.Core.Validation;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>A produced document, or why the source document could not be transformed (it goes to quarantine).</summary>
public sealed record TransformOutcome(BsonDocument Source, BsonDocument? Target, string? Failure)
{
    public BsonValue SourceId => Source["_id"];
}

/// <summary>
/// Applies one collection's field mappings to one source document: target <c>_id</c> first (kept or deterministic),
/// then the mapped fields in rule order (dotted targets nest), then unlisted fields when asked; then the mapping's
/// validation rules. Pure apart from password hashing, so batches can be transformed in parallel.
/// </summary>
public sealed class DocumentTransformer
{
    private readonly CollectionMapping _mapping;
    private readonly PasswordHasher _hasher;
    private readonly DateTime _now;
    private readonly List<FieldRuleEvaluator> _validators;
    private readonly HashSet<string> _consumedTopLevel;
    private readonly (FieldMapping Field, string[] TargetPath)[] _produced;
    private readonly HashSet<string> _dropped;

    public DocumentTransformer(CollectionMapping mapping, PasswordHasher hasher, DateTime now, TimeProvider clock)
    {
        _mapping = mapping;
        _hasher = hasher;
        _now = now;
        _validators = mapping.Validate.Select(v => new FieldRuleEvaluator(v, clock)).ToList();
        _consumedTopLevel = mapping.Fields.Where(f => f.From is not null).Select(f => f.From!.Split('.')[0])
            .Concat(mapping.Fields.Select(f => f.Target.Split('.')[0])).ToHashSet();
        _produced = mapping.Fields.Where(f => !f.Drop).Select(f => (f, f.Target.Split('.'))).ToArray(); // split once, not per document
        _dropped = mapping.Fields.Where(f => f.Drop).Select(f => f.From!).ToHashSet();
    }

    /// <summary>Produces the target document; <paramref name="references"/> re-points <c>map_id</c> fields.</summary>
    public TransformOutcome Transform(BsonDocument source, ReferenceResolver references)
    {
        var sourceId = source.GetValue("_id", BsonNull.Value);
        var target = new BsonDocument("_id", _mapping.Ids == IdStrategy.Keep ? sourceId : DeterministicIds.For(_mapping.Target, sourceId));
        foreach (var (field, targetPath) in _produced)
        {
            var (value, failure) = Produce(field, source, references);
            if (failure is not null)
            {
                return new TransformOutcome(source, null, failure);
            }

            if (value is not null)
            {
                Set(target, targetPath, value);
            }
        }

        if (_mapping.CopyUnlisted)
        {
            foreach (var element in source)
            {
                if (element.Name != "_id" && !_consumedTopLevel.Contains(element.Name) && !_dropped.Contains(element.Name))
                {
                    target[element.Name] = element.Value;
                }
            }
        }

        foreach (var validator in _validators)
        {
            if (validator.Check(Paths.Get(target, validator.Rule.Field)) is { } reason)
            {
                return new TransformOutcome(source, null, $"validation failed: {validator.Rule.Id}: {reason}");
            }
        }

        return new TransformOutcome(source, target, null);
    }

    private (BsonValue? Value, string? Failure) Produce(FieldMapping field, BsonDocument source, ReferenceResolver references)
    {
        BsonValue? value = field.Now ? new BsonDateTime(_now) : Own(field.Constant);
        if (field.From is not null)
        {
            value = Paths.Get(source, field.From);
            if (value is null or BsonNull)
            {
                value = field.DefaultIsNow ? new BsonDateTime(_now) : Own(field.Default) ?? value;
            }
        }

        foreach (var function in field.Apply)
        {
            if (value is not BsonString s)
            {
                if (function == ValueFunction.HashPassword)
                {
                    return (null, $"{field.Target}: no password to hash ({field.From} is {(value is null ? "missing" : value.BsonType.ToString())})");
                }

                continue;
            }

            value = function switch
            {
                ValueFunction.Lower => new BsonString(s.Value.ToLowerInvariant()),
                ValueFunction.Upper => new BsonString(s.Value.ToUpperInvariant()),
                ValueFunction.Trim => new BsonString(s.Value.Trim()),
                ValueFunction.HashPassword => new BsonString(_hasher.Hash(s.Value, $"{_mapping.Target}/{source["_id"]}")),
                _ => value,
            };
        }

        if (field.MapIdThrough is { } through && value is not null and not BsonNull)
        {
            if (value is BsonArray array)
            {
                var mapped = new BsonArray();
                foreach (var element in array)
                {
                    if (references.Resolve(through, element) is not { } t)
                    {
                        return (null, $"{field.Target}: {element} has no mapping in {through} (its {through} document was not migrated)");
                    }

                    mapped.Add(t);
                }

                value = mapped;
            }
            else if (references.Resolve(through, value) is { } mappedId)
            {
                value = mappedId;
            }
            else
            {
                return (null, $"{field.Target}: {value} has no mapping in {through} (its {through} document was not migrated)");
            }
        }

        return (value, null);
    }

    /// <summary>
    /// A rule's constant or default for one document: documents and arrays are copied, since a later dotted field may
    /// extend them and documents are produced in parallel.
    /// </summary>
    private static BsonValue? Own(BsonValue? value) => value is BsonDocument or BsonArray ? value.DeepClone() : value;

    private static void Set(BsonDocument document, string[] parts, BsonValue value)
    {
        var current = document;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!current.TryGetValue(parts[i], out var next) || next is not BsonDocument child)
            {
                child = new BsonDocument();
                current[parts[i]] = child;
            }
            else if (child is RawBsonDocument raw)
            {
                // A subdocument copied from the (read-only, raw) source that a later field extends: a copy of its own.
                child = raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings());
                current[parts[i]] = child;
            }

            current = child;
        }

        current[parts[^1]] = value;
    }
}
