using System.Text.RegularExpressions;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Updates;

/// <summary>
/// The <c>arrayFilters</c> of an update: one filter per identifier, checked as MongoDB checks them (one top-level
/// identifier per filter, lowercase alphanumeric, no duplicates). An element matches when the filter matches
/// <c>{ identifier: element }</c>.
/// </summary>
internal static partial class ArrayFilterSet
{
    public static Dictionary<string, FilterMatcher> Parse(IReadOnlyList<BsonDocument>? arrayFilters, QueryContext context)
    {
        var result = new Dictionary<string, FilterMatcher>(StringComparer.Ordinal);
        if (arrayFilters is null)
        {
            return result;
        }

        foreach (var filter in arrayFilters)
        {
            var identifier = IdentifierOf(filter);
            if (result.ContainsKey(identifier))
            {
                throw ErrorCodes.Parse("Found multiple array filters with the same top-level field name " + identifier);
            }

            result[identifier] = FilterMatcher.Compile(filter, context);
        }

        return result;
    }

    public static bool Matches(FilterMatcher matcher, string identifier, BsonValue element) =>
        matcher.Matches(new BsonDocument(identifier, element));

    private static string IdentifierOf(BsonDocument filter)
    {
        string? identifier = null;
        Collect(filter, ref identifier);
        if (identifier is null)
        {
            throw ErrorCodes.Parse("Cannot use an expression without a top-level field name in arrayFilters");
        }

        if (!IdentifierPattern().IsMatch(identifier))
        {
            throw ErrorCodes.Bad("The top level field name must be an alphanumeric string beginning with a lowercase letter, found '" + identifier + "'");
        }

        return identifier;
    }

    private static void Collect(BsonDocument filter, ref string? identifier)
    {
        foreach (var element in filter)
        {
            if (element.Name is "$and" or "$or" or "$nor" && element.Value is BsonArray clauses)
            {
                foreach (var clause in clauses.OfType<BsonDocument>())
                {
                    Collect(clause, ref identifier);
                }

                continue;
            }

            if (element.Name.StartsWith('$'))
            {
                continue;
            }

            var name = element.Name.Split('.')[0];
            if (identifier is not null && identifier != name)
            {
                throw ErrorCodes.Parse("Error parsing array filter :: caused by :: Expected a single top-level field name, found '" + identifier + "' and '" + name + "'");
            }

            identifier = name;
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex IdentifierPattern();
}
