using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>Reads one value at a dotted path (documents by name, arrays by numeric component) — null when absent.</summary>
internal static class Paths
{
    public static BsonValue? Get(BsonDocument document, string path) =>
        FieldPath.TryGetValue(document, path, out var value) ? value : null;
}
