using Ferry.Core.Errors;
using Ferry.Core.Validation.Rules;

namespace Ferry.Core.Tests.Validation;

public class RuleSetParserTests
{
    private const string Rules = """
        collections:
          users:
            fields:
              email: { required: true, type: string, pattern: "@", lowercase: true }
              created_at: { type: date, not_in_future: 5m }
              password: { required: false, min_length: 11 }
            unique:
              - { fields: [email], ignore_case: true }
            complete: [name]
          assessments:
            references:
              - { field: user_id, to: users._id }
            rules:
              - name: status-known
                filter: { status: { $in: [draft, processing, completed, archived] } }
        """;

    [Fact]
    public void Parses_every_kind_of_rule()
    {
        var set = RuleSetParser.Parse(Rules, "rules.yaml");
        var users = set.Collections[0];
        Assert.Equal("users", users.Name);
        Assert.Equal(
            ["users.email:required", "users.email:type", "users.email:pattern", "users.email:lowercase", "users.created_at:type", "users.created_at:not_in_future", "users.password:min_length"],
            users.Fields.Select(f => f.Id));
        Assert.Equal(300_000, users.Fields.Single(f => f.Check == FieldCheck.NotInFuture).Argument!.ToInt64());
        Assert.Equal("users:unique(email, ignore case)", users.Unique.Single().Id);
        Assert.Equal(["name"], users.Complete);
        var assessments = set.Collections[1];
        Assert.Equal("assessments.user_id -> users._id", assessments.References.Single().Id);
        Assert.Equal("""{ "status" : { "$in" : ["draft", "processing", "completed", "archived"] } }""", assessments.Predicates.Single().Filter.ToString());
    }

    [Theory]
    [InlineData("collections:\n  users:\n    fields:\n      email: { patern: x }\n", "rules.yaml:4:16: unknown rule 'patern' for users.email")]
    [InlineData("collections:\n  users:\n    fields:\n      email: { pattern: \"(\" }\n", "rules.yaml:4:25: bad regular expression /(/")]
    [InlineData("collections:\n  users:\n    feilds: {}\n", "rules.yaml:3:5: unknown key 'feilds' for collection 'users'")]
    [InlineData("collections:\n  users:\n    fields:\n      email: { type: strin }\n", "rules.yaml:4:22: Unknown type name alias: strin")]
    [InlineData("collections:\n  users:\n    references:\n      - { field: user_id, to: users }\n", "rules.yaml:4:9: 'to: users' must be collection.field")]
    [InlineData("collections:\n  users:\n    rules:\n      - { name: x, filter: { a: { $foo: 1 } } }\n", "rules.yaml:4:28: invalid MongoDB filter")]
    [InlineData("collections: [\n", "rules.yaml:2:1: not valid YAML")]
    public void A_mistake_names_file_line_and_column(string yaml, string expected)
    {
        var error = Assert.Throws<UserInputException>(() => RuleSetParser.Parse(yaml, "rules.yaml"));
        Assert.StartsWith(expected, error.Message);
    }
}
