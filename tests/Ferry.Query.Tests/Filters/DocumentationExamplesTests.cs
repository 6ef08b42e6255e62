using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Filters;

/// <summary>The examples of MongoDB's manual ("Query Documents", "Query on Embedded/Nested Documents", "Query an
/// Array", "Query an Array of Embedded Documents", "Query for Null or Missing Fields"), with the documented results.</summary>
public class DocumentationExamplesTests
{
    private static readonly string[] Embedded =
    [
        "{ _id: 1, item: 'journal', qty: 25, size: { h: 14, w: 21, uom: 'cm' }, status: 'A' }",
        "{ _id: 2, item: 'notebook', qty: 50, size: { h: 8.5, w: 11, uom: 'in' }, status: 'A' }",
        "{ _id: 3, item: 'paper', qty: 100, size: { h: 8.5, w: 11, uom: 'in' }, status: 'D' }",
        "{ _id: 4, item: 'planner', qty: 75, size: { h: 22.85, w: 30, uom: 'cm' }, status: 'D' }",
        "{ _id: 5, item: 'postcard', qty: 45, size: { h: 10, w: 15.25, uom: 'cm' }, status: 'A' }",
    ];

    private static readonly string[] Arrays =
    [
        "{ _id: 1, item: 'journal', qty: 25, tags: ['blank', 'red'], dim_cm: [14, 21] }",
        "{ _id: 2, item: 'notebook', qty: 50, tags: ['red', 'blank'], dim_cm: [14, 21] }",
        "{ _id: 3, item: 'paper', qty: 100, tags: ['red', 'blank', 'plain'], dim_cm: [14, 21] }",
        "{ _id: 4, item: 'planner', qty: 75, tags: ['blank', 'red'], dim_cm: [22.85, 30] }",
        "{ _id: 5, item: 'postcard', qty: 45, tags: ['blue'], dim_cm: [10, 15.25] }",
    ];

    private static readonly string[] InStock =
    [
        "{ _id: 1, item: 'journal', instock: [{ warehouse: 'A', qty: 5 }, { warehouse: 'C', qty: 15 }] }",
        "{ _id: 2, item: 'notebook', instock: [{ warehouse: 'C', qty: 5 }] }",
        "{ _id: 3, item: 'paper', instock: [{ warehouse: 'A', qty: 60 }, { warehouse: 'B', qty: 15 }] }",
        "{ _id: 4, item: 'planner', instock: [{ warehouse: 'A', qty: 40 }, { warehouse: 'B', qty: 5 }] }",
        "{ _id: 5, item: 'postcard', instock: [{ warehouse: 'B', qty: 15 }, { warehouse: 'C', qty: 35 }] }",
    ];

    private static readonly string[] Nulls = ["{ _id: 1, item: null }", "{ _id: 2 }"];

    private static string Ids(string filter, string[] collection)
    {
        var matcher = FilterMatcher.Compile(BsonDocument.Parse(filter));
        return string.Join(",", collection.Select(BsonDocument.Parse).Where(matcher.Matches).Select(d => d["_id"].ToString()));
    }

    [Theory]
    [InlineData("{ size: { h: 14, w: 21, uom: 'cm' } }", "1")]
    [InlineData("{ size: { w: 21, h: 14, uom: 'cm' } }", "")]
    [InlineData("{ 'size.uom': 'in' }", "2,3")]
    [InlineData("{ 'size.h': { $lt: 15 } }", "1,2,3,5")]
    [InlineData("{ 'size.h': { $lt: 15 }, 'size.uom': 'in', status: 'D' }", "3")]
    [InlineData("{ status: 'A', $or: [{ qty: { $lt: 30 } }, { item: /^p/ }] }", "1,5")]
    [InlineData("{ status: { $in: ['A', 'D'] } }", "1,2,3,4,5")]
    [InlineData("{ status: 'A', qty: { $lt: 30 } }", "1")]
    public void Embedded_document_examples(string filter, string ids) => Assert.Equal(ids, Ids(filter, Embedded));

    [Theory]
    [InlineData("{ tags: ['red', 'blank'] }", "2")]
    [InlineData("{ tags: { $all: ['red', 'blank'] } }", "1,2,3,4")]
    [InlineData("{ tags: 'red' }", "1,2,3,4")]
    [InlineData("{ dim_cm: { $gt: 25 } }", "4")]
    [InlineData("{ dim_cm: { $gt: 15, $lt: 20 } }", "1,2,3,5")]
    [InlineData("{ dim_cm: { $elemMatch: { $gt: 22, $lt: 30 } } }", "4")]
    [InlineData("{ 'dim_cm.1': { $gt: 25 } }", "4")]
    [InlineData("{ tags: { $size: 3 } }", "3")]
    public void Array_examples(string filter, string ids) => Assert.Equal(ids, Ids(filter, Arrays));

    [Theory]
    [InlineData("{ instock: { warehouse: 'A', qty: 5 } }", "1")]
    [InlineData("{ instock: { qty: 5, warehouse: 'A' } }", "")]
    [InlineData("{ 'instock.0.qty': { $lte: 20 } }", "1,2,5")]
    [InlineData("{ 'instock.qty': { $lte: 20 } }", "1,2,3,4,5")]
    [InlineData("{ instock: { $elemMatch: { qty: 5, warehouse: 'A' } } }", "1")]
    [InlineData("{ instock: { $elemMatch: { qty: { $gt: 10, $lte: 20 } } } }", "1,3,5")]
    [InlineData("{ 'instock.qty': { $gt: 10, $lte: 20 } }", "1,3,4,5")]
    [InlineData("{ 'instock.qty': 5, 'instock.warehouse': 'A' }", "1,4")]
    public void Array_of_embedded_document_examples(string filter, string ids) => Assert.Equal(ids, Ids(filter, InStock));

    [Theory]
    [InlineData("{ item: null }", "1,2")]
    [InlineData("{ item: { $ne: null } }", "")]
    [InlineData("{ item: { $type: 10 } }", "1")]
    [InlineData("{ item: { $exists: false } }", "2")]
    public void Null_or_missing_examples(string filter, string ids) => Assert.Equal(ids, Ids(filter, Nulls));
}
