using System.Text;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Mongo;

/// <summary>
/// The BSON size of a value without serializing it (exact for raw documents, close for the rest), so
/// batches can be sized by bytes cheaply.
/// </summary>
internal static class BsonSizeEstimator
{
    public static long Estimate(WriteRequest request) => request switch
    {
        InsertRequest insert => Estimate(insert.Document),
        ReplaceRequest replace => Estimate(replace.Filter) + Estimate(replace.Replacement) + 16,
        UpdateRequest update => Estimate(update.Filter) + Estimate(update.Update) + 16
            + (update.ArrayFilters?.Sum(Estimate) ?? 0),
        DeleteRequest delete => Estimate(delete.Filter) + 16,
        _ => 16,
    };

    public static long Estimate(BsonValue value) => value switch
    {
        RawBsonDocument raw => raw.Slice.Length,
        RawBsonArray raw => raw.Slice.Length,
        BsonDocument document => 5 + document.Elements.Sum(e => 2 + Encoding.UTF8.GetByteCount(e.Name) + Estimate(e.Value)),
        BsonArray array => 5 + array.Select((v, i) => 2 + Digits(i) + Estimate(v)).Sum(),
        BsonString s => 5 + Encoding.UTF8.GetByteCount(s.Value),
        BsonSymbol s => 5 + Encoding.UTF8.GetByteCount(s.Name),
        BsonBinaryData b => 5 + b.Bytes.Length,
        BsonJavaScriptWithScope js => 9 + Encoding.UTF8.GetByteCount(js.Code) + Estimate(js.Scope),
        BsonJavaScript js => 5 + Encoding.UTF8.GetByteCount(js.Code),
        BsonRegularExpression r => 2 + Encoding.UTF8.GetByteCount(r.Pattern) + Encoding.UTF8.GetByteCount(r.Options),
        BsonDecimal128 => 16,
        BsonObjectId => 12,
        BsonInt32 => 4,
        BsonBoolean => 1,
        BsonNull or BsonUndefined or BsonMinKey or BsonMaxKey => 0,
        _ => 8,
    };

    private static int Digits(int index) => index < 10 ? 1 : (int)Math.Floor(Math.Log10(index)) + 1;
}
