namespace Ferry.Query.Filters;

/// <summary>
/// The parsed operators of one field (<c>{ $gt: 1, $not: { $lt: 0 } }</c>) before they are bound either to a path
/// (each operator then crosses arrays on its own) or to single array elements (inside an <c>$elemMatch</c> value form).
/// </summary>
internal abstract record OperatorClause
{
    public sealed record Leaf(ValuePredicate Predicate) : OperatorClause;

    public sealed record Not(OperatorClause Inner) : OperatorClause;

    public sealed record All(IReadOnlyList<OperatorClause> Clauses) : OperatorClause;

    /// <summary>A whole-path test that is not a value predicate (e.g. <c>$all</c> with nothing in it).</summary>
    public sealed record Constant(bool Result) : OperatorClause;

    public MatchNode ToPathNode(string path) => this switch
    {
        Leaf leaf => new PathNode(path, leaf.Predicate),
        Not not => new NotNode(not.Inner.ToPathNode(path)),
        All all when all.Clauses.Count == 1 => all.Clauses[0].ToPathNode(path),
        All all => new AndNode(all.Clauses.Select(c => c.ToPathNode(path)).ToList()),
        Constant constant => new ConstantNode(constant.Result),
        _ => throw new InvalidOperationException("unknown clause"),
    };

    public ValuePredicate ToElementPredicate() => this switch
    {
        Leaf leaf => leaf.Predicate,
        Not not => new NotPredicate(not.Inner.ToElementPredicate()),
        All all when all.Clauses.Count == 1 => all.Clauses[0].ToElementPredicate(),
        All all => new AllOfPredicate(all.Clauses.Select(c => c.ToElementPredicate()).ToList()),
        Constant { Result: false } => new NeverPredicate(),
        Constant => new NotPredicate(new NeverPredicate()),
        _ => throw new InvalidOperationException("unknown clause"),
    };
}
