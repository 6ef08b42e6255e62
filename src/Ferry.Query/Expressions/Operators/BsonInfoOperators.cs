using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$binarySize $bsonSize $tsSecond $tsIncrement, and a clear error for the JavaScript operators
/// ($function, $accumulator) that the embedded engine does not run.</summary>
internal static class BsonInfoOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$binarySize"] = OperatorTable.Unary((_, v) => v switch
        {
            _ when Values.IsNullish(v) => BsonNull.Value,
            BsonString s => new BsonInt32(System.Text.Encoding.UTF8.GetByteCount(s.Value)),
            BsonBinaryData b => new BsonInt32(b.Bytes.Length),
            _ => throw ExpressionErrors.Location(51276, "$binarySize requires a string or BinData argument, found: " + ExpressionErrors.TypeName(v)),
        });
        table["$bsonSize"] = OperatorTable.Unary((_, v) => v switch
        {
            _ when Values.IsNullish(v) => BsonNull.Value,
            BsonDocument d => new BsonInt32(d.ToBson().Length),
            _ => throw ExpressionErrors.Location(31393, "$bsonSize requires a document input, found: " + ExpressionErrors.TypeName(v)),
        });
        table["$tsSecond"] = OperatorTable.Unary((n, v) => Timestamp(n, v, ts => new BsonInt64((uint)ts.Timestamp)));
        table["$tsIncrement"] = OperatorTable.Unary((n, v) => Timestamp(n, v, ts => new BsonInt64((uint)ts.Increment)));
        foreach (var name in new[] { "$function", "$accumulator" })
        {
            table[name] = (_, n, _) => throw ErrorCodes.Create(ErrorCodes.CommandNotSupported,
                n + " (server-side JavaScript) is not supported by the embedded store; run this pipeline against a MongoDB server");
        }
    }

    private static BsonValue Timestamp(string name, BsonValue? value, Func<BsonTimestamp, BsonValue> part) => value switch
    {
        _ when Values.IsNullish(value) => BsonNull.Value,
        BsonTimestamp ts => part(ts),
        _ => throw ExpressionErrors.Location(5687301, "Argument to " + name + " must be a timestamp, but is " + ExpressionErrors.TypeName(value)),
    };
}
