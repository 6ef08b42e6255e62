using System.Text.RegularExpressions;
using Ferry.Core.Tests.Support;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Validation;

/// <summary>
/// <see cref="FieldCheck.All"/> is the one list of field checks: every kind in it parses from a rules file and judges
/// values, and docs/validation.md documents exactly these kinds, in this order.
/// </summary>
public class FieldCheckRegistryTests
{
    /// <summary>Per kind: an argument as written in YAML, a value that passes, a value that fails (null: the field is absent).</summary>
    private static readonly Dictionary<string, (string Argument, BsonValue Passes, BsonValue? Fails)> Examples = new()
    {
        ["required"] = ("true", 1, null),
        ["type"] = ("[int, long]", 1L, "1"),
        ["not_blank"] = ("true", "a", " "),
        ["min_length"] = ("2", "ab", "a"),
        ["max_length"] = ("2", new BsonArray { 1, 2 }, new BsonArray { 1, 2, 3 }),
        ["pattern"] = ("\"^a\"", "ab", "ba"),
        ["enum"] = ("[x, 1]", 1.0, "y"),
        ["min"] = ("0", 0, -1),
        ["max"] = ("0", 0, 0.5),
        ["not_in_future"] = ("1h", SeededDemo.Clock.UtcDateTime.AddMinutes(59), SeededDemo.Clock.UtcDateTime.AddMinutes(61)),
        ["lowercase"] = ("true", "ab", "aB"),
    };

    [Fact]
    public void Every_registered_check_has_a_unique_name_and_an_example_here()
    {
        Assert.Equal(FieldCheck.All.Count, FieldCheck.All.Select(c => c.Name).Distinct().Count());
        Assert.Equal(Examples.Keys.Order(), FieldCheck.All.Select(c => c.Name).Order());
    }

    [Fact]
    public void Every_registered_check_parses_from_a_rules_file_and_judges_values()
    {
        foreach (var check in FieldCheck.All)
        {
            var (argument, passes, fails) = Examples[check.Name];
            var rule = RuleSetParser.Parse($"collections:\n  c:\n    fields:\n      f: {{ {check.Name}: {argument} }}\n", "r.yaml").Collections.Single().Fields.Single();
            var judge = check.Compile(rule.Argument!, SeededDemo.Time);

            Assert.Same(check, rule.Check);
            Assert.Equal($"c.f:{check.Name}", rule.Id);
            Assert.Null(judge(passes));
            Assert.NotNull(fails is null ? check.WhenAbsent : judge(fails));
        }
    }

    [Fact]
    public void The_docs_list_exactly_the_registered_checks_in_order()
    {
        var docs = File.ReadAllText(SeededDemo.RepositoryFile("docs", "validation.md"));
        var section = docs[docs.IndexOf("### Field checks", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n#", 1, StringComparison.Ordinal)];

        var documented = Regex.Matches(section, @"^\| `([a-z_]+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value);

        Assert.Equal(FieldCheck.All.Select(c => c.Name), documented);
    }
}
