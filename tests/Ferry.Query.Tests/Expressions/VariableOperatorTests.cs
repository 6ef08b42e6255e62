using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

public class VariableOperatorTests
{
    [Fact]
    public void Let_binds_variables_for_its_body() =>
        Yields("30", "{ $let: { vars: { t: { $add: ['$a', 10] } }, in: { $multiply: ['$$t', 1, '$b'] } } }", "{ a: 5, b: 2 }");

    [Fact]
    public void Map_applies_in_to_each_element() =>
        Yields("[2, 4, 6]", "{ $map: { input: '$xs', as: 'x', in: { $multiply: ['$$x', 2] } } }", "{ xs: [1, 2, 3] }");

    [Fact]
    public void Map_default_variable_is_this() =>
        Yields("[11, 12]", "{ $map: { input: [1, 2], in: { $add: ['$$this', 10] } } }");

    [Fact]
    public void Map_of_missing_input_is_null() => Yields("null", "{ $map: { input: '$nope', in: 1 } }");

    [Fact]
    public void Map_of_a_non_array_fails() => Fails(16883, "{ $map: { input: 'x', in: 1 } }");

    [Fact]
    public void Nested_map_sees_outer_variable() =>
        Yields("[[11, 12], [21, 22]]",
            "{ $map: { input: [10, 20], as: 'o', in: { $map: { input: [1, 2], as: 'i', in: { $add: ['$$o', '$$i'] } } } } }");

    [Fact]
    public void Filter_keeps_matching_elements_up_to_limit() =>
        Yields("[3, 4]", "{ $filter: { input: [1, 3, 4, 5], as: 'n', cond: { $gt: ['$$n', 2] }, limit: 2 } }");

    [Fact]
    public void Reduce_folds_with_value_and_this() =>
        Yields("'abc'", "{ $reduce: { input: ['a', 'b', 'c'], initialValue: '', in: { $concat: ['$$value', '$$this'] } } }");

    [Fact]
    public void Variable_outside_its_scope_is_undefined() => Fails(17276, "{ $add: [{ $let: { vars: { t: 1 }, in: '$$t' } }, '$$t'] }");

    [Fact]
    public void Variable_names_must_start_lowercase() => Fails(16867, "{ $let: { vars: { T: 1 }, in: 1 } }");

    [Fact]
    public void Map_without_in_fails() => Fails(16882, "{ $map: { input: [] } }");

    [Theory]
    [InlineData("{ $filter: 'string' }", 28646)]
    [InlineData("{ $filter: { input: '$a', as: 'x', cond: true, extra: 1 } }", 28647)]
    [InlineData("{ $filter: { as: 'x', cond: true } }", 28648)]
    [InlineData("{ $filter: { input: '$a', as: 'x' } }", 28650)]
    [InlineData("{ $filter: { input: '$a', as: '$x', cond: true } }", 16867)]
    [InlineData("{ $filter: { input: 'string', as: 'x', cond: true } }", 28651)]
    [InlineData("{ $filter: { input: '$a', cond: { $eq: [1, '$$var'] } } }", 17276)]
    [InlineData("{ $map: { input: [], as: 'x', in: 1, extra: 1 } }", 16879)]
    [InlineData("{ $map: { in: 1 } }", 16880)]
    public void Bad_filter_and_map_fail_as_in_MongoDB_filter_js(string expression, int code) => Fails(code, expression, "{ a: [1] }");

    [Fact]
    public void Filter_keeps_truthy_values_as_MongoDB_filter_js() =>
        Yields("[NumberDecimal('1'), [], { c: 3 }]", "{ $filter: { input: '$a', as: 'x', cond: '$$x' } }", "{ a: [null, 0, false, NumberDecimal('1'), [], { c: 3 }] }");

    [Fact]
    public void Nested_filter_on_this_as_MongoDB_filter_js() =>
        Yields("[[1, 2, 3], [4, 5, 6]]", "{ $filter: { input: '$a', cond: { $filter: { input: '$$this', cond: { $gt: ['$$this', 3] } } } } }", "{ a: [[1, 2, 3], null, [4, 5, 6]] }");
}
