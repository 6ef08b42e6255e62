using MongoDB.Bson;

namespace Ferry.Core.Backup;

/// <summary>
/// Makes index specs from old dumps acceptable to current servers, as mongorestore's legacy-index conversion does:
/// key values that are not a non-zero number or a known index type (<c>true</c>, <c>""</c>, <c>0</c>, unknown strings)
/// become 1; the obsolete options <c>safe</c> and <c>dropDups</c> are dropped; specs whose converted key duplicates an
/// earlier one are skipped.
/// </summary>
internal static class LegacyIndexSpecs
{
    private static readonly HashSet<string> IndexTypes = new(StringComparer.Ordinal) { "2d", "2dsphere", "text", "hashed", "geoHaystack", "wildcard", "columnstore" };

    public static IReadOnlyList<BsonDocument> Convert(IReadOnlyList<BsonDocument> specs, string ns, List<string> warnings)
    {
        var converted = new List<BsonDocument>();
        var seenKeys = new List<BsonDocument>();
        foreach (var original in specs)
        {
            var spec = original.DeepClone().AsBsonDocument;
            var name = spec.GetValue("name", "?").ToString();
            spec.Remove("safe");
            spec.Remove("dropDups");
            var key = new BsonDocument();
            var changed = false;
            foreach (var element in spec["key"].AsBsonDocument)
            {
                var value = element.Value;
                var valid = (value.IsNumeric && value.ToDouble() != 0) || (value is BsonString s && IndexTypes.Contains(s.Value));
                key.Add(element.Name, valid ? value : 1);
                changed |= !valid;
            }

            if (changed)
            {
                warnings.Add($"{ns}: index {name} had a legacy key {spec["key"].ToJson()}, restored as {key.ToJson()}");
                spec["key"] = key;
            }

            if (seenKeys.Any(k => SameKey(k, key)))
            {
                warnings.Add($"{ns}: index {name} skipped: an earlier index has the same key {key.ToJson()}");
                continue;
            }

            seenKeys.Add(key);
            converted.Add(spec);
        }

        return converted;
    }

    private static bool SameKey(BsonDocument a, BsonDocument b) =>
        a.ElementCount == b.ElementCount && a.Elements.Zip(b.Elements).All(p =>
            p.First.Name == p.Second.Name &&
            (p.First.Value.IsNumeric && p.Second.Value.IsNumeric
                ? Math.Sign(p.First.Value.ToDouble()) == Math.Sign(p.Second.Value.ToDouble())
                : p.First.Value == p.Second.Value));
}
