namespace Ferry.Query.Tests.Filters;

public class ArrayOperatorTests
{
    [Theory]
    [InlineData("{ tags: { $all: ['red', 'blank'] } }", "{ tags: ['blank', 'plain', 'red'] }", true)]
    [InlineData("{ tags: { $all: ['red', 'blank'] } }", "{ tags: ['red'] }", false)]
    [InlineData("{ tags: { $all: ['red'] } }", "{ tags: 'red' }", true)]
    [InlineData("{ tags: { $all: [] } }", "{ tags: [] }", false)]
    [InlineData("{ a: { $all: [[1, 2]] } }", "{ a: [1, 2] }", true)]
    [InlineData("{ a: { $all: [[1, 2]] } }", "{ a: [[1, 2], 3] }", true)]
    [InlineData("{ a: { $all: [/^r/, 'blue'] } }", "{ a: ['blue', 'red'] }", true)]
    [InlineData("{ 'a.b': { $all: [1, 2] } }", "{ a: [{ b: 1 }, { b: 2 }] }", true)]
    [InlineData("{ a: { $all: [{ $foo: 1 }] } }", "{ a: [{ $foo: 1 }] }", true)]
    public void All_requires_every_value(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $all: [{ $elemMatch: { x: 1 } }, { $elemMatch: { y: 2 } }] } }", "{ a: [{ x: 1 }, { y: 2 }] }", true)]
    [InlineData("{ a: { $all: [{ $elemMatch: { x: 1 } }, { $elemMatch: { y: 2 } }] } }", "{ a: [{ x: 1 }, { y: 3 }] }", false)]
    [InlineData("{ a: { $all: [{ $elemMatch: { $gt: 5 } }] } }", "{ a: [1, 6] }", true)]
    public void All_with_elemMatch_needs_each_condition_met(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $size: 2 } }", "{ a: [1, 2] }", true)]
    [InlineData("{ a: { $size: 2 } }", "{ a: [1] }", false)]
    [InlineData("{ a: { $size: 0 } }", "{ a: [] }", true)]
    [InlineData("{ a: { $size: 0 } }", "{ }", false)]
    [InlineData("{ a: { $size: 1 } }", "{ a: 'x' }", false)]
    [InlineData("{ a: { $size: 1 } }", "{ a: [[1, 2]] }", true)]
    [InlineData("{ a: { $size: 2 } }", "{ a: [[1, 2]] }", false)]
    [InlineData("{ 'a.b': { $size: 2 } }", "{ a: [{ b: [1] }, { b: [1, 2] }] }", true)]
    [InlineData("{ a: { $size: 2.0 } }", "{ a: [1, 2] }", true)]
    public void Size_counts_whole_arrays(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    // MongoDB docs "Query an Array of Embedded Documents".
    [InlineData("{ instock: { $elemMatch: { qty: 5, warehouse: 'A' } } }", "{ instock: [{ warehouse: 'A', qty: 5 }] }", true)]
    [InlineData("{ instock: { $elemMatch: { qty: 5, warehouse: 'A' } } }", "{ instock: [{ warehouse: 'A', qty: 1 }, { warehouse: 'B', qty: 5 }] }", false)]
    [InlineData("{ 'instock.qty': 5, 'instock.warehouse': 'A' }", "{ instock: [{ warehouse: 'A', qty: 1 }, { warehouse: 'B', qty: 5 }] }", true)]
    [InlineData("{ instock: { $elemMatch: { qty: { $gt: 10, $lte: 20 } } } }", "{ instock: [{ qty: 5 }, { qty: 15 }] }", true)]
    [InlineData("{ instock: { warehouse: 'A', qty: 5 } }", "{ instock: [{ warehouse: 'A', qty: 5 }] }", true)]
    [InlineData("{ instock: { qty: 5, warehouse: 'A' } }", "{ instock: [{ warehouse: 'A', qty: 5 }] }", false)]
    [InlineData("{ a: { $elemMatch: { b: 1 } } }", "{ a: { b: 1 } }", false)]
    [InlineData("{ a: { $elemMatch: { } } }", "{ a: [1, { }] }", true)]
    [InlineData("{ a: { $elemMatch: { } } }", "{ a: [1, 2] }", false)]
    [InlineData("{ a: { $elemMatch: { $or: [{ b: 1 }, { c: 1 }] } } }", "{ a: [{ c: 1 }] }", true)]
    [InlineData("{ a: { $elemMatch: { '0': 1 } } }", "{ a: [[1, 2]] }", true)]
    [InlineData("{ a: { $elemMatch: { $ref: 'c', x: 1 } } }", "{ a: [{ $ref: 'c', $id: 1, x: 1 }] }", true)]
    [InlineData("{ a: { $elemMatch: { $id: 2 } } }", "{ a: [{ $ref: 'c', $id: 1 }] }", false)]
    [InlineData("{ a: { $elemMatch: { $elemMatch: { $gt: 2 } } } }", "{ a: [[1, 2], [3]] }", true)]
    [InlineData("{ a: { $elemMatch: { $eq: 1 } } }", "{ a: [[1]] }", false)]
    [InlineData("{ a: { $elemMatch: { $ne: 1 } } }", "{ a: [1, 1] }", false)]
    [InlineData("{ a: { $elemMatch: { $ne: 1 } } }", "{ a: [1, 2] }", true)]
    [InlineData("{ a: { $elemMatch: { $not: { $gt: 1 } } } }", "{ a: [3, 0] }", true)]
    [InlineData("{ a: { $elemMatch: { $in: [5, 6] } } }", "{ a: [1, 6] }", true)]
    [InlineData("{ 'a.b': { $elemMatch: { c: 1 } } }", "{ a: [{ b: [{ c: 2 }] }, { b: [{ c: 1 }] }] }", true)]
    public void ElemMatch_needs_one_element_meeting_every_condition(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));
}
