using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Spec;

/// <summary>
/// The unified test format's "Evaluating Matches" rules: numbers of different types are equal when their
/// values are (Decimal128 excepted); a root-level expected document (the result itself, or each document of a
/// result array such as find's) may omit fields the actual one has, while nested documents must match exactly
/// (collection outcomes are compared exactly, as non-root); special operators <c>$$exists</c>, <c>$$type</c>,
/// <c>$$unsetOrMatches</c>, <c>$$lte</c>, <c>$$matchAsDocument</c>, <c>$$matchAsRoot</c> and
/// <c>$$matchesHexBytes</c>. Any other <c>$$</c> operator is reported as unsupported rather than ignored.
/// </summary>
public static class UnifiedMatcher
{
    /// <summary>Null when <paramref name="actual"/> matches; otherwise where and why not.</summary>
    public static string? Match(BsonValue expected, BsonValue? actual, bool isRoot = true, string path = "$")
    {
        if (expected is BsonDocument { ElementCount: 1 } special && special.GetElement(0).Name.StartsWith("$$", StringComparison.Ordinal))
        {
            return MatchOperator(special.GetElement(0), actual, path);
        }

        if (actual is null)
        {
            return $"{path}: missing, expected {expected.ToJson()}";
        }

        switch (expected)
        {
            case BsonDocument document:
                if (actual is not BsonDocument actualDocument)
                {
                    return $"{path}: expected a document {expected.ToJson()} but found {actual.ToJson()}";
                }

                foreach (var element in document)
                {
                    var failure = Match(element.Value, actualDocument.TryGetValue(element.Name, out var value) ? value : null, isRoot: false, path + "." + element.Name);
                    if (failure is not null)
                    {
                        return failure;
                    }
                }

                if (!isRoot)
                {
                    var extra = actualDocument.Names.FirstOrDefault(n => !document.Contains(n));
                    if (extra is not null)
                    {
                        return $"{path}: unexpected field '{extra}' in {actual.ToJson()}";
                    }
                }

                return null;
            case BsonArray array:
                if (actual is not BsonArray actualArray)
                {
                    return $"{path}: expected an array {expected.ToJson()} but found {actual.ToJson()}";
                }

                if (actualArray.Count != array.Count)
                {
                    return $"{path}: expected {array.Count} elements {expected.ToJson()} but found {actualArray.Count}: {actual.ToJson()}";
                }

                for (var i = 0; i < array.Count; i++)
                {
                    // The documents of a root-level array (find or aggregate results) are root-level too.
                    var failure = Match(array[i], actualArray[i], isRoot, $"{path}[{i}]");
                    if (failure is not null)
                    {
                        return failure;
                    }
                }

                return null;
            default:
                return ScalarEquals(expected, actual) ? null : $"{path}: expected {expected.ToJson()} but found {actual.ToJson()}";
        }
    }

    private static string? MatchOperator(BsonElement op, BsonValue? actual, string path)
    {
        switch (op.Name)
        {
            case "$$exists":
                return op.Value.ToBoolean() == (actual is not null) ? null : $"{path}: expected the field to {(op.Value.ToBoolean() ? "exist" : "be absent")}";
            case "$$unsetOrMatches":
                return actual is null ? null : Match(op.Value, actual, isRoot: true, path);
            case "$$type":
                var types = op.Value is BsonArray list ? list.Select(t => t.AsString).ToList() : [op.Value.AsString];
                return actual is not null && types.Any(t => IsType(t, actual)) ? null : $"{path}: expected type {op.Value.ToJson()} but found {actual?.BsonType.ToString() ?? "nothing"}";
            case "$$lte":
                return actual is not null && actual.IsNumeric && actual.ToDouble() <= op.Value.ToDouble() ? null : $"{path}: expected a number ≤ {op.Value}";
            case "$$matchAsDocument":
                return actual is { IsString: true } ? Match(op.Value, BsonDocument.Parse(actual.AsString), isRoot: false, path) : $"{path}: expected a JSON string";
            case "$$matchAsRoot":
                return Match(op.Value, actual, isRoot: true, path);
            case "$$matchesHexBytes":
                return actual is BsonBinaryData binary && Convert.ToHexString(binary.Bytes).Equals(op.Value.AsString, StringComparison.OrdinalIgnoreCase) ? null : $"{path}: expected bytes {op.Value}";
            default:
                return $"{path}: unsupported match operator {op.Name}";
        }
    }

    private static bool ScalarEquals(BsonValue expected, BsonValue actual)
    {
        if (BsonTypeOrder.IsNumber(expected) && BsonTypeOrder.IsNumber(actual))
        {
            if (expected.IsDecimal128 || actual.IsDecimal128)
            {
                return expected.IsDecimal128 && actual.IsDecimal128 && expected.AsDecimal128.Equals(actual.AsDecimal128);
            }

            return BsonValueComparer.CompareNumbers(expected, actual) == 0;
        }

        return expected.BsonType == actual.BsonType && expected.Equals(actual);
    }

    private static bool IsType(string alias, BsonValue value) => alias switch
    {
        "double" => value.IsDouble,
        "string" => value.IsString,
        "object" => value is BsonDocument,
        "array" => value is BsonArray,
        "binData" => value.IsBsonBinaryData,
        "undefined" => value.IsBsonUndefined,
        "objectId" => value.IsObjectId,
        "bool" => value.IsBoolean,
        "date" => value.IsValidDateTime || value.BsonType == BsonType.DateTime,
        "null" => value.IsBsonNull,
        "regex" => value.IsBsonRegularExpression,
        "javascript" => value.BsonType == BsonType.JavaScript,
        "javascriptWithScope" => value.BsonType == BsonType.JavaScriptWithScope,
        "int" => value.IsInt32,
        "timestamp" => value.IsBsonTimestamp,
        "long" => value.IsInt64,
        "decimal" => value.IsDecimal128,
        "minKey" => value.IsBsonMinKey,
        "maxKey" => value.IsBsonMaxKey,
        "number" => BsonTypeOrder.IsNumber(value),
        _ => false,
    };
}
