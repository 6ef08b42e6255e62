using MongoDB.Bson;

namespace Ferry.Core.Backup.Oplog;

/// <summary>
/// Turns an oplog update entry's <c>o</c> into an update the store understands: <c>$v: 2</c> delta documents
/// (<c>{diff: {u: …, i: …, d: …, sFIELD: subdiff}}</c>, array diffs with <c>a: true</c>, <c>uN</c>, <c>sN</c>, <c>l</c>)
/// become <c>$set</c>/<c>$unset</c>/<c>$push $slice</c>; <c>$v: 1</c> modifier documents lose their <c>$v</c>; anything
/// else is a replacement (returned as null).
/// </summary>
public static class OplogUpdateDiff
{
    /// <summary>The update document for a modifier-style entry; null when <paramref name="o"/> is a replacement.</summary>
    public static BsonDocument? ToUpdate(BsonDocument o)
    {
        if (o.TryGetValue("$v", out var version) && version.IsNumeric && version.ToInt32() == 2 && o.TryGetValue("diff", out var diff))
        {
            var set = new BsonDocument();
            var unset = new BsonDocument();
            var truncate = new BsonDocument();
            Apply(diff.AsBsonDocument, string.Empty, set, unset, truncate);
            var update = new BsonDocument();
            if (set.ElementCount > 0)
            {
                update["$set"] = set;
            }

            if (unset.ElementCount > 0)
            {
                update["$unset"] = unset;
            }

            if (truncate.ElementCount > 0)
            {
                update["$push"] = truncate;
            }

            return update;
        }

        if (o.Names.Any(n => n.StartsWith('$')))
        {
            var update = o.DeepClone().AsBsonDocument;
            update.Remove("$v");
            return update;
        }

        return null;
    }

    private static void Apply(BsonDocument diff, string prefix, BsonDocument set, BsonDocument unset, BsonDocument truncate)
    {
        if (diff.GetValue("a", false).ToBoolean())
        {
            ApplyArray(diff, prefix, set, unset, truncate);
            return;
        }

        foreach (var element in diff)
        {
            switch (element.Name)
            {
                case "u" or "i":
                    foreach (var field in element.Value.AsBsonDocument)
                    {
                        set[prefix + field.Name] = field.Value;
                    }

                    break;
                case "d":
                    foreach (var field in element.Value.AsBsonDocument)
                    {
                        unset[prefix + field.Name] = "";
                    }

                    break;
                case var name when name.Length > 1 && name[0] == 's':
                    Apply(element.Value.AsBsonDocument, prefix + name[1..] + ".", set, unset, truncate);
                    break;
                default:
                    throw new NotSupportedException($"oplog diff field \"{element.Name}\" is not understood");
            }
        }
    }

    private static void ApplyArray(BsonDocument diff, string prefix, BsonDocument set, BsonDocument unset, BsonDocument truncate)
    {
        var path = prefix.TrimEnd('.');
        foreach (var element in diff)
        {
            var name = element.Name;
            if (name == "a")
            {
                continue;
            }

            if (name == "l")
            {
                truncate[path] = new BsonDocument { { "$each", new BsonArray() }, { "$slice", element.Value.ToInt32() } };
            }
            else if (name[0] == 'u')
            {
                set[$"{prefix}{name[1..]}"] = element.Value;
            }
            else if (name[0] == 's')
            {
                Apply(element.Value.AsBsonDocument, $"{prefix}{name[1..]}.", set, unset, truncate);
            }
            else
            {
                throw new NotSupportedException($"oplog array diff field \"{name}\" is not understood");
            }
        }
    }
}
