using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>An index as analyze reports it: keys, unique, partial filter, TTL, size.</summary>
public sealed record IndexAnalysis(string Name, BsonDocument Keys, bool Unique, BsonDocument? PartialFilter, long? TtlSeconds, long SizeBytes)
{
    public static IndexAnalysis From(BsonDocument spec, IReadOnlyDictionary<string, long> sizes)
    {
        var name = spec.GetValue("name", "").ToString()!;
        return new IndexAnalysis(
            name,
            spec.GetValue("key", new BsonDocument()).AsBsonDocument,
            spec.GetValue("unique", false).ToBoolean(),
            spec.TryGetValue("partialFilterExpression", out var partial) ? partial.AsBsonDocument : null,
            spec.TryGetValue("expireAfterSeconds", out var ttl) && ttl.IsNumeric ? ttl.ToInt64() : null,
            sizes.GetValueOrDefault(name));
    }

    public BsonDocument ToBson() => new()
    {
        { "name", Name },
        { "keys", Keys },
        { "unique", Unique },
        { "partial", (BsonValue?)PartialFilter ?? BsonNull.Value },
        { "ttlSeconds", TtlSeconds is { } ttl ? ttl : BsonNull.Value },
        { "sizeBytes", SizeBytes },
    };
}
