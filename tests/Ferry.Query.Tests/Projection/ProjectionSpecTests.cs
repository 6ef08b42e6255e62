using Ferry.Query.Filters;
using Ferry.Query.Projection;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Projection;

public class ProjectionSpecTests
{
    // MongoDB docs "Project Fields to Return from Query".
    private const string Journal =
        "{ _id: 1, item: 'journal', status: 'A', size: { h: 14, w: 21, uom: 'cm' }, instock: [{ warehouse: 'A', qty: 5 }, { warehouse: 'C', qty: 15 }] }";

    internal static string Project(string projection, string document, MatchDetails? details = null) =>
        ProjectionSpec.Compile(BsonDocument.Parse(projection)).Apply(BsonDocument.Parse(document), details).ToJson();

    private static string Json(string document) => BsonDocument.Parse(document).ToJson();

    [Theory]
    [InlineData("{ item: 1, status: 1 }", "{ _id: 1, item: 'journal', status: 'A' }")]
    [InlineData("{ status: 1, item: 1 }", "{ _id: 1, item: 'journal', status: 'A' }")]
    [InlineData("{ item: 1, status: 1, _id: 0 }", "{ item: 'journal', status: 'A' }")]
    [InlineData("{ item: true }", "{ _id: 1, item: 'journal' }")]
    [InlineData("{ missing: 1 }", "{ _id: 1 }")]
    [InlineData("{ _id: 1 }", "{ _id: 1 }")]
    [InlineData("{ item: 1, 'size.uom': 1 }", "{ _id: 1, item: 'journal', size: { uom: 'cm' } }")]
    [InlineData("{ item: 1, size: { uom: 1 } }", "{ _id: 1, item: 'journal', size: { uom: 'cm' } }")]
    [InlineData("{ 'instock.qty': 1 }", "{ _id: 1, instock: [{ qty: 5 }, { qty: 15 }] }")]
    [InlineData("{ 'item.x': 1 }", "{ _id: 1 }")]
    public void Inclusion_keeps_listed_fields_in_document_order(string projection, string expected) =>
        Assert.Equal(Json(expected), Project(projection, Journal));

    [Theory]
    [InlineData("{ status: 0, instock: 0 }", "{ _id: 1, item: 'journal', size: { h: 14, w: 21, uom: 'cm' } }")]
    [InlineData("{ 'size.uom': 0, instock: 0 }", "{ _id: 1, item: 'journal', status: 'A', size: { h: 14, w: 21 } }")]
    [InlineData("{ size: { uom: 0, h: 0 }, instock: 0 }", "{ _id: 1, item: 'journal', status: 'A', size: { w: 21 } }")]
    [InlineData("{ _id: 0, size: 0, 'instock.warehouse': 0 }", "{ item: 'journal', status: 'A', instock: [{ qty: 5 }, { qty: 15 }] }")]
    [InlineData("{ _id: 1, size: false, instock: 0 }", "{ _id: 1, item: 'journal', status: 'A' }")]
    public void Exclusion_removes_listed_fields(string projection, string expected) =>
        Assert.Equal(Json(expected), Project(projection, Journal));

    [Fact]
    public void Empty_projection_returns_the_whole_document() =>
        Assert.Equal(Json(Journal), Project("{ }", Journal));

    [Fact]
    public void Only_id_excluded_returns_everything_else() =>
        Assert.Equal(Json("{ a: 1, b: 2 }"), Project("{ _id: 0 }", "{ _id: 5, a: 1, b: 2 }"));

    [Theory]
    [InlineData("{ 'a.b': 1 }", "{ _id: 0, a: [{ b: 1, c: 2 }, 5, { c: 3 }, [{ b: 4 }]] }", "{ _id: 0, a: [{ b: 1 }, { }, [{ b: 4 }]] }")]
    [InlineData("{ 'a.b': 0 }", "{ _id: 0, a: [{ b: 1, c: 2 }, 5, [{ b: 4 }]] }", "{ _id: 0, a: [{ c: 2 }, 5, [{ }]] }")]
    [InlineData("{ 'a.b': 1 }", "{ _id: 0, a: 5 }", "{ _id: 0 }")]
    [InlineData("{ 'a.b.c': 1 }", "{ _id: 0, a: { b: [{ c: 1, d: 1 }] } }", "{ _id: 0, a: { b: [{ c: 1 }] } }")]
    public void Dotted_paths_project_arrays_of_subdocuments(string projection, string document, string expected) =>
        Assert.Equal(Json(expected), Project(projection, document));

    [Theory]
    [InlineData("{ a: { $slice: 2 } }", "{ _id: 0, a: [1, 2, 3, 4], b: 1 }", "{ _id: 0, a: [1, 2], b: 1 }")]
    [InlineData("{ a: { $slice: -1 } }", "{ _id: 0, a: [1, 2, 3, 4], b: 1 }", "{ _id: 0, a: [4], b: 1 }")]
    [InlineData("{ a: { $slice: 10 } }", "{ _id: 0, a: [1, 2] }", "{ _id: 0, a: [1, 2] }")]
    [InlineData("{ a: { $slice: -10 } }", "{ _id: 0, a: [1, 2] }", "{ _id: 0, a: [1, 2] }")]
    [InlineData("{ a: { $slice: 0 } }", "{ _id: 0, a: [1, 2] }", "{ _id: 0, a: [] }")]
    [InlineData("{ a: { $slice: [1, 2] } }", "{ _id: 0, a: [1, 2, 3, 4] }", "{ _id: 0, a: [2, 3] }")]
    [InlineData("{ a: { $slice: [-3, 2] } }", "{ _id: 0, a: [1, 2, 3, 4] }", "{ _id: 0, a: [2, 3] }")]
    [InlineData("{ a: { $slice: [-10, 2] } }", "{ _id: 0, a: [1, 2, 3, 4] }", "{ _id: 0, a: [1, 2] }")]
    [InlineData("{ a: { $slice: [10, 2] } }", "{ _id: 0, a: [1, 2, 3, 4] }", "{ _id: 0, a: [] }")]
    [InlineData("{ a: { $slice: 1 } }", "{ _id: 0, a: 'x' }", "{ _id: 0, a: 'x' }")]
    [InlineData("{ a: { $slice: 1 }, b: 1 }", "{ _id: 0, a: [1, 2], b: 1, c: 1 }", "{ _id: 0, a: [1], b: 1 }")]
    [InlineData("{ a: { $slice: 1 }, c: 0 }", "{ _id: 0, a: [1, 2], b: 1, c: 1 }", "{ _id: 0, a: [1], b: 1 }")]
    [InlineData("{ 'a.b': { $slice: 1 } }", "{ _id: 0, a: [{ b: [1, 2] }, { b: [3, 4] }], c: 1 }", "{ _id: 0, a: [{ b: [1] }, { b: [3] }], c: 1 }")]
    public void Slice_cuts_arrays_and_keeps_other_fields_unless_inclusion(string projection, string document, string expected) =>
        Assert.Equal(Json(expected), Project(projection, document));

    [Fact]
    public void Positional_projection_returns_the_matched_element()
    {
        // MongoDB docs, positional $: find({ semester: 1, grades: { $gte: 85 } }, { 'grades.$': 1 }).
        var document = BsonDocument.Parse("{ _id: 1, semester: 1, grades: [70, 87, 90] }");
        var details = new MatchDetails();
        Assert.True(FilterMatcher.Compile(BsonDocument.Parse("{ semester: 1, grades: { $gte: 85 } }")).Matches(document, details));
        var projected = ProjectionSpec.Compile(BsonDocument.Parse("{ 'grades.$': 1 }")).Apply(document, details);
        Assert.Equal(Json("{ _id: 1, grades: [87] }"), projected.ToJson());
    }

    [Fact]
    public void Positional_projection_of_an_array_of_documents_through_a_dotted_query()
    {
        var document = BsonDocument.Parse("{ _id: 7, grades: [{ grade: 80, mean: 75 }, { grade: 85, mean: 90 }, { grade: 85, mean: 85 }] }");
        var details = new MatchDetails();
        Assert.True(FilterMatcher.Compile(BsonDocument.Parse("{ 'grades.mean': { $gt: 80 } }")).Matches(document, details));
        Assert.Equal(Json("{ _id: 7, grades: [{ grade: 85, mean: 90 }] }"),
            ProjectionSpec.Compile(BsonDocument.Parse("{ 'grades.$': 1 }")).Apply(document, details).ToJson());
    }

    [Fact]
    public void Positional_projection_on_a_nested_array()
    {
        var details = new MatchDetails { ArrayPosition = 1 };
        Assert.Equal(Json("{ _id: 1, a: { b: [20] } }"), Project("{ 'a.b.$': 1 }", "{ _id: 1, a: { b: [10, 20], c: 1 }, d: 1 }", details));
    }

    [Fact]
    public void Positional_projection_without_a_matched_position_fails_with_51246()
    {
        var error = Assert.Throws<Ferry.Query.Common.MqlException>(() => Project("{ 'a.$': 1 }", "{ _id: 1, a: [1, 2] }"));
        Assert.Equal(51246, error.Code);
    }

    [Fact]
    public void Positional_projection_with_a_position_past_the_array_fails_with_51247()
    {
        var error = Assert.Throws<Ferry.Query.Common.MqlException>(() => Project("{ 'a.$': 1 }", "{ _id: 1, a: [1, 2] }", new MatchDetails { ArrayPosition = 5 }));
        Assert.Equal(51247, error.Code);
    }

    [Fact]
    public void Positional_projection_cuts_the_first_array_on_the_path() =>
        Assert.Equal(Json("{ _id: 1, a: [{ b: [3, 4] }] }"),
            Project("{ 'a.b.$': 1 }", "{ _id: 1, a: [{ b: [1, 2], c: 1 }, { b: [3, 4], c: 2 }] }", new MatchDetails { ArrayPosition = 1 }));

    [Fact]
    public void Positional_projection_of_a_non_array_returns_the_value() =>
        Assert.Equal(Json("{ _id: 1, a: 5 }"), Project("{ 'a.$': 1 }", "{ _id: 1, a: 5, b: 1 }"));

    [Theory]
    // MongoDB docs $elemMatch (projection): schools example; the field follows the included fields (4.4+).
    [InlineData("{ students: { $elemMatch: { school: 102 } } }",
        "{ _id: 1, zipcode: '63109', students: [{ name: 'john', school: 102, age: 10 }, { name: 'jess', school: 102, age: 11 }, { name: 'jeff', school: 108, age: 15 }] }",
        "{ _id: 1, students: [{ name: 'john', school: 102, age: 10 }] }")]
    [InlineData("{ students: { $elemMatch: { school: 102, age: { $gt: 10 } } } }",
        "{ _id: 1, students: [{ name: 'john', school: 102, age: 10 }, { name: 'jess', school: 102, age: 11 }] }",
        "{ _id: 1, students: [{ name: 'jess', school: 102, age: 11 }] }")]
    [InlineData("{ students: { $elemMatch: { school: 999 } } }",
        "{ _id: 1, students: [{ name: 'john', school: 102 }] }",
        "{ _id: 1 }")]
    [InlineData("{ games: { $elemMatch: { score: { $gt: 5 } } }, name: 1 }",
        "{ _id: 1, games: [{ game: 'a', score: 1 }, { game: 'b', score: 8 }], joined: 1, name: 'x' }",
        "{ _id: 1, name: 'x', games: [{ game: 'b', score: 8 }] }")]
    [InlineData("{ a: { $elemMatch: { $gt: 2 } } }", "{ _id: 1, a: [1, 3, 4] }", "{ _id: 1, a: [3] }")]
    [InlineData("{ a: { $elemMatch: { $gt: 2 } }, c: 0 }", "{ _id: 1, a: [1, 3, 4], b: 2, c: 3 }", "{ _id: 1, a: [3], b: 2 }")]
    [InlineData("{ a: { $elemMatch: { $gt: 9 } }, c: 0 }", "{ _id: 1, a: [1, 3, 4], b: 2, c: 3 }", "{ _id: 1, b: 2 }")]
    public void ElemMatch_projection_returns_the_first_matching_element(string projection, string document, string expected) =>
        Assert.Equal(Json(expected), Project(projection, document));

    [Theory]
    [InlineData("{ a: 1, c: 'lit' }", "{ _id: 1, a: 1, b: 2 }", "{ _id: 1, a: 1, c: 'lit' }")]
    [InlineData("{ c: '$b' }", "{ _id: 1, a: 1, b: 2 }", "{ _id: 1, c: 2 }")]
    [InlineData("{ b: '$a', a: 1 }", "{ _id: 1, a: 1, b: 2 }", "{ _id: 1, a: 1, b: 1 }")]
    [InlineData("{ c: '$missing' }", "{ _id: 1, a: 1 }", "{ _id: 1 }")]
    [InlineData("{ c: { $literal: 1 } }", "{ _id: 1, a: 1 }", "{ _id: 1, c: 1 }")]
    [InlineData("{ 'x.y': '$a' }", "{ _id: 1, a: 1 }", "{ _id: 1, x: { y: 1 } }")]
    [InlineData("{ c: null }", "{ _id: 1, a: 1 }", "{ _id: 1, c: null }")]
    public void Non_boolean_values_are_computed_fields(string projection, string document, string expected)
    {
        Assert.Equal(Json(expected), Project(projection, document));
    }

    [Theory]
    [InlineData("{ a: 1, b: 0 }", 31254, "Cannot do exclusion on field b in inclusion projection")]
    [InlineData("{ a: 0, b: 1 }", 31253, "Cannot do inclusion on field b in exclusion projection")]
    [InlineData("{ a: 0, b: 'x' }", 31310, "Cannot use an expression b: \"x\" in an exclusion projection")]
    [InlineData("{ a: 0, b: { $literal: 1 } }", 31252, "Cannot use expression other than $meta in exclusion projection")]
    [InlineData("{ 'a.b': 1, 'a.c': 0 }", 31254, "Cannot do exclusion on field a.c in inclusion projection")]
    [InlineData("{ a: { b: 1, c: 0 } }", 31254, "Cannot do exclusion on field c in inclusion projection")]
    [InlineData("{ a: 1, 'a.b': 1 }", 31249, "Path collision at a.b remaining portion b")]
    [InlineData("{ 'a.b': 1, a: 1 }", 31250, "Path collision at a")]
    [InlineData("{ 'a.$': 1, 'b.$': 1 }", 31276, "Cannot specify more than one positional projection per query.")]
    [InlineData("{ 'a.$': 0 }", 31395, "positional projection cannot be used with exclusion")]
    [InlineData("{ 'a.$': 'x' }", 31308, "positional projection cannot be used with a literal")]
    [InlineData("{ 'a.$': { $slice: 1 } }", 31271, "positional projection cannot be used with an expression or sub object")]
    [InlineData("{ 'a.$.b': 1 }", 31394, "As of 4.4, it's illegal to specify positional operator in the middle of a path.Positional projection may only be used at the end, for example: a.b.$. If the query previously used a form like a.b.$.d, remove the parts following the '$' and the results will be equivalent.")]
    [InlineData("{ 'a.$': 1, b: { $elemMatch: { c: 1 } } }", 31255, "Cannot specify positional operator and $elemMatch.")]
    [InlineData("{ b: { $elemMatch: { c: 1 } }, 'a.$': 1 }", 31256, "Cannot specify positional operator and $elemMatch.")]
    [InlineData("{ 'a.b': { $elemMatch: { c: 1 } } }", 31275, "Cannot use $elemMatch projection on a nested field.")]
    [InlineData("{ a: { b: { $elemMatch: { c: 1 } } } }", 31275, "Cannot use $elemMatch projection on a nested field.")]
    [InlineData("{ a: { $elemMatch: 1 } }", 31274, "elemMatch: Invalid argument, object required, but got Int32")]
    [InlineData("{ a: { } }", 51270, "Invalid empty sub-projection: a")]
    [InlineData("{ '$a': 1 }", 16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.")]
    public void Bad_projections_fail_with_MongoDBs_codes(string projection, int code, string message)
    {
        var error = Assert.Throws<Ferry.Query.Common.MqlException>(() => ProjectionSpec.Compile(BsonDocument.Parse(projection)));
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{ a: { $slice: 'x' } }")]
    [InlineData("{ a: { $slice: [1, 2, 3, 4] } }")]
    public void Malformed_find_slice_that_is_no_expression_either_fails(string projection)
    {
        var error = Assert.Throws<Ferry.Query.Common.MqlException>(() => ProjectionSpec.Compile(BsonDocument.Parse(projection)));
        Assert.StartsWith("Invalid $slice syntax.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_projection_is_rejected() =>
        Assert.Equal(2, Assert.Throws<Ferry.Query.Common.MqlException>(() => ProjectionSpec.Compile(BsonDocument.Parse("{ s: { $meta: 'textScore' } }"))).Code);

    [Theory]
    [InlineData("{ a: 1 }", true)]
    [InlineData("{ _id: 1 }", true)]
    [InlineData("{ a: 0 }", false)]
    [InlineData("{ _id: 0 }", false)]
    [InlineData("{ }", false)]
    [InlineData("{ a: { $slice: 1 } }", false)]
    [InlineData("{ a: { $elemMatch: { b: 1 } } }", true)]
    [InlineData("{ _id: 0, a: { $elemMatch: { b: 1 } } }", true)]
    [InlineData("{ a: { $elemMatch: { b: 1 } }, c: 0 }", false)]
    [InlineData("{ _id: 1, a: { $slice: 1 } }", true)]
    [InlineData("{ _id: 0, a: { $slice: 1 } }", false)]
    [InlineData("{ a: { $slice: 1 }, b: 1 }", true)]
    [InlineData("{ _id: 1, a: 0 }", false)]
    [InlineData("{ _id: 0, a: 1 }", true)]
    [InlineData("{ a: 'x' }", true)]
    public void Mode_is_decided_by_the_first_non_id_field(string projection, bool inclusion) =>
        Assert.Equal(inclusion, ProjectionSpec.Compile(BsonDocument.Parse(projection)).IsInclusion);
}
