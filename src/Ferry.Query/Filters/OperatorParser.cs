using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// Parses the operator document of one field (<c>{ $gt: 1, $lt: 9 }</c>) into an <see cref="OperatorClause"/>,
/// validating each operand with MongoDB's error codes and messages (operands in <see cref="OperandParser"/>).
/// </summary>
internal static class OperatorParser
{
    /// <summary>The field operators MongoDB knows (its PathAcceptingKeyword table, less the internal ones).</summary>
    private static readonly HashSet<string> FieldOperators = new(StringComparer.Ordinal)
    {
        "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$type", "$size", "$mod", "$regex",
        "$options", "$all", "$elemMatch", "$bitsAllSet", "$bitsAnySet", "$bitsAllClear", "$bitsAnyClear",
        "$near", "$nearSphere", "$geoNear", "$geoWithin", "$geoIntersects", "$within",
    };

    /// <summary>The operators that stand on their own at the top of a filter (MongoDB's pathless operators).</summary>
    internal static bool IsTopLevelOperator(string name) =>
        name is "$and" or "$or" or "$nor" or "$expr" or "$where" or "$text" or "$comment" or "$jsonSchema"
            or "$alwaysTrue" or "$alwaysFalse" or "$sampleRate" or "$ref" or "$id" or "$db";

    /// <param name="path">The field the operators apply to (for messages); empty inside an <c>$elemMatch</c> value form.</param>
    public static OperatorClause Parse(BsonDocument operators, string path, QueryContext context)
    {
        var clauses = new List<OperatorClause>();
        var regexDone = false;
        foreach (var element in operators)
        {
            var name = element.Name;
            var operand = element.Value;
            switch (name)
            {
                case "$eq":
                    clauses.Add(Leaf(EqualityPredicate.Create(operand)));
                    break;
                case "$ne":
                    if (operand is BsonRegularExpression)
                    {
                        throw ErrorCodes.Bad("Can't have regex as arg to $ne.");
                    }

                    clauses.Add(new OperatorClause.Not(Leaf(EqualityPredicate.Create(operand))));
                    break;
                case "$gt":
                case "$gte":
                case "$lt":
                case "$lte":
                    clauses.Add(Leaf(OperandParser.ParseComparison(path, name, operand)));
                    break;
                case "$in":
                    clauses.Add(Leaf(OperandParser.ParseIn(name, operand)));
                    break;
                case "$nin":
                    clauses.Add(new OperatorClause.Not(Leaf(OperandParser.ParseIn(name, operand))));
                    break;
                case "$exists":
                    OperatorClause exists = Leaf(new ExistsPredicate());
                    clauses.Add(OperandParser.IsTrue(operand) ? exists : new OperatorClause.Not(exists));
                    break;
                case "$type":
                    clauses.Add(Leaf(TypeAliases.Parse(path, operand)));
                    break;
                case "$size":
                    clauses.Add(Leaf(OperandParser.ParseSize(operand)));
                    break;
                case "$mod":
                    clauses.Add(Leaf(OperandParser.ParseMod(operand)));
                    break;
                case "$regex":
                case "$options":
                    if (!regexDone)
                    {
                        clauses.Add(Leaf(OperandParser.ParseRegex(operators)));
                        regexDone = true;
                    }

                    break;
                case "$all":
                    clauses.Add(ParseAll(operand, context));
                    break;
                case "$elemMatch":
                    clauses.Add(Leaf(ParseElemMatch(operand, context)));
                    break;
                case "$not":
                    clauses.Add(new OperatorClause.Not(ParseNot(operand, path, context)));
                    break;
                case "$bitsAllSet":
                case "$bitsAnySet":
                case "$bitsAllClear":
                case "$bitsAnyClear":
                    clauses.Add(Leaf(BitsPredicate.Parse(name, operand)));
                    break;
                case "$near" or "$nearSphere" or "$geoNear" or "$geoWithin" or "$geoIntersects" or "$within":
                    throw ErrorCodes.Bad(name + " is not supported: Ferry's query engine has no geospatial queries");
                case "$where":
                    throw ErrorCodes.Bad("$where cannot be applied to a field");
                default:
                    throw ErrorCodes.Bad("unknown operator: " + name);
            }
        }

        return clauses.Count == 1 ? clauses[0] : new OperatorClause.All(clauses);
    }

    private static OperatorClause.Leaf Leaf(ValuePredicate predicate) => new(predicate);

    private static OperatorClause ParseAll(BsonValue operand, QueryContext context)
    {
        if (operand is not BsonArray items)
        {
            throw ErrorCodes.Bad("$all needs an array");
        }

        if (items.Count == 0)
        {
            return new OperatorClause.Constant(false);
        }

        var clauses = new List<OperatorClause>(items.Count);
        if (IsElemMatch(items[0]))
        {
            foreach (var item in items)
            {
                if (!IsElemMatch(item))
                {
                    throw ErrorCodes.Bad("$all/$elemMatch has to be consistent");
                }

                clauses.Add(Leaf(ParseElemMatch(item.AsBsonDocument[0], context)));
            }

            return new OperatorClause.All(clauses);
        }

        foreach (var item in items)
        {
            if (item is BsonDocument { ElementCount: > 0 } d && FieldOperators.Contains(d.GetElement(0).Name))
            {
                throw ErrorCodes.Bad("no $ expressions in $all");
            }

            clauses.Add(item is BsonRegularExpression regex
                ? Leaf(RegexPredicate.Create(regex.Pattern, regex.Options))
                : Leaf(EqualityPredicate.Create(item)));
        }

        return new OperatorClause.All(clauses);
    }

    private static bool IsElemMatch(BsonValue item) =>
        item is BsonDocument { ElementCount: > 0 } d && d.GetElement(0).Name == "$elemMatch";

    private static ValuePredicate ParseElemMatch(BsonValue operand, QueryContext context)
    {
        if (operand is not BsonDocument query)
        {
            throw ErrorCodes.Bad("$elemMatch needs an Object");
        }

        // Value form ({ $gt: 5 }) when the first field is a field operator; otherwise a query on each element.
        if (FilterParser.IsOperatorDocument(query, allowIncompleteDbRef: true) && !IsTopLevelOperator(query.GetElement(0).Name))
        {
            return new ElemMatchValuePredicate(Parse(query, string.Empty, context).ToElementPredicate());
        }

        if (query.Contains("$where"))
        {
            throw ErrorCodes.Bad("$elemMatch cannot contain $where expression");
        }

        return new ElemMatchObjectPredicate(FilterParser.Parse(query, context, topLevel: false));
    }

    private static OperatorClause ParseNot(BsonValue operand, string path, QueryContext context)
    {
        switch (operand)
        {
            case BsonRegularExpression regex:
                return Leaf(RegexPredicate.Create(regex.Pattern, regex.Options));
            case BsonDocument { ElementCount: 0 }:
                throw ErrorCodes.Bad("$not cannot be empty");
            case BsonDocument inner:
                return Parse(inner, path, context);
            default:
                throw ErrorCodes.Bad("$not needs a regex or a document");
        }
    }
}
