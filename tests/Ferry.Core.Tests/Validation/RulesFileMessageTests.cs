using Ferry.Core.Errors;
using Ferry.Core.Transform.Rules;
using Ferry.Core.Validation.Rules;

namespace Ferry.Core.Tests.Validation;

/// <summary>
/// The whole message of every mistake in a rules file, word for word: operators and scripts read these, so moving the
/// parsing code around must not change a character.
/// </summary>
public class RulesFileMessageTests
{
    private const string Field = "collections:\n  users:\n    fields:\n      email: ";

    [Theory]
    [InlineData("collectons: {}\n", "r.yaml:1:1: unknown key 'collectons'; expected 'collections' (and optionally 'version', 'description')")]
    [InlineData("version: 1\n", "r.yaml:1:1: expected 'collections:' with one entry per collection")]
    [InlineData("collections:\n  users: [a]\n", "r.yaml:2:10: expected the rules of 'users' as a mapping with any of: fields, unique, rules, references, complete, json_schema")]
    [InlineData("collections:\n  users:\n    feilds: {}\n", "r.yaml:3:5: unknown key 'feilds' for collection 'users'; expected one of: fields, unique, rules, references, complete, json_schema")]
    [InlineData("collections:\n  users:\n    fields: [a]\n", "r.yaml:3:13: expected a mapping of field name → checks")]
    [InlineData(Field + "required\n", "r.yaml:4:14: expected the checks of 'users.email' as a mapping, e.g. { required: true, type: string }")]
    [InlineData(Field + "{ [a]: 1 }\n", "r.yaml:4:16: expected a check name")]
    [InlineData(Field + "{ patern: x }\n", "r.yaml:4:16: unknown rule 'patern' for users.email; expected one of: required, type, not_blank, min_length, max_length, pattern, enum, min, max, not_in_future, lowercase, unique")]
    [InlineData(Field + "{ required: 1 }\n", "r.yaml:4:26: expected true or false")]
    [InlineData(Field + "{ not_blank: yes }\n", "r.yaml:4:27: expected true or false")]
    [InlineData(Field + "{ lowercase: [] }\n", "r.yaml:4:27: expected true or false")]
    [InlineData(Field + "{ type: 1 }\n", "r.yaml:4:22: expected a BSON type name (string, int, long, double, decimal, number, bool, date, objectId, object, array, null, …) or a list of them")]
    [InlineData(Field + "{ type: [string, 1] }\n", "r.yaml:4:22: expected a BSON type name (string, int, long, double, decimal, number, bool, date, objectId, object, array, null, …) or a list of them")]
    [InlineData(Field + "{ type: strin }\n", "r.yaml:4:22: Unknown type name alias: strin")]
    [InlineData(Field + "{ min_length: -1 }\n", "r.yaml:4:28: expected a non-negative integer length")]
    [InlineData(Field + "{ max_length: 2.5 }\n", "r.yaml:4:28: expected a non-negative integer length")]
    [InlineData(Field + "{ pattern: 1 }\n", "r.yaml:4:25: expected a regular expression string")]
    [InlineData(Field + "{ pattern: \"(\" }\n", "r.yaml:4:25: bad regular expression /(/: Invalid pattern '(' at offset 1. Not enough )'s.")]
    [InlineData(Field + "{ enum: [] }\n", "r.yaml:4:22: expected a non-empty list of allowed values")]
    [InlineData(Field + "{ min: true }\n", "r.yaml:4:21: expected a number (or a string/date bound as Extended JSON)")]
    [InlineData(Field + "{ max: [1] }\n", "r.yaml:4:21: expected a number (or a string/date bound as Extended JSON)")]
    [InlineData(Field + "{ not_in_future: 5 }\n", "r.yaml:4:31: expected true or a tolerance such as 30s, 5m, 2h, 1d")]
    [InlineData(Field + "{ not_in_future: [1] }\n", "r.yaml:4:31: expected true or a tolerance")]
    [InlineData("collections:\n  users:\n    unique: email\n", "r.yaml:3:13: expected a list of unique keys, e.g. [ email ] or [ { fields: [email], ignore_case: true } ]")]
    [InlineData("collections:\n  users:\n    unique: [ { field: email } ]\n", "r.yaml:3:15: expected { fields: [..], ignore_case: true|false }")]
    [InlineData("collections:\n  users:\n    complete: name\n", "r.yaml:3:15: expected a list of field names")]
    [InlineData("collections:\n  users:\n    references: [ { field: a, to: b.c, x: 1 } ]\n", "r.yaml:3:19: unknown key 'x' in a reference; expected field, to, allow_null")]
    [InlineData("collections:\n  users:\n    references: [ { field: a } ]\n", "r.yaml:3:19: expected 'field' and 'to' (as collection.field, e.g. users._id)")]
    [InlineData("collections:\n  users:\n    rules: [ { name: a, when: {} } ]\n", "r.yaml:3:25: unknown key 'when'; expected name and filter")]
    [InlineData("collections:\n  users:\n    rules: [ { name: a } ]\n", "r.yaml:3:14: expected both 'name' and 'filter'")]
    [InlineData("collections:\n  users:\n    rules: [ { name: a, filter: { a: { $foo: 1 } } } ]\n", "r.yaml:3:33: invalid MongoDB filter: unknown operator: $foo")]
    [InlineData("collections:\n  users:\n    json_schema: { bsonType: strin }\n", "r.yaml:3:18: invalid $jsonSchema: Unknown type name alias: strin")]
    public void A_validation_rules_mistake_reads_exactly(string yaml, string expected)
    {
        var error = Assert.Throws<UserInputException>(() => RuleSetParser.Parse(yaml, "r.yaml"));
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("collectons: {}\n", "r.yaml:1:1: unknown key 'collectons'; expected collections, demo_markers, password_hashing, version, description")]
    [InlineData("version: 1\n", "r.yaml:1:1: expected 'collections:' with at least one target collection")]
    [InlineData("collections: [a]\n", "r.yaml:1:14: expected a mapping of target collection → rules")]
    [InlineData("demo_markers: [a]\ncollections:\n  a: { fields: { x: $x } }\n", "r.yaml:1:15: expected a mapping of collection → MongoDB filter")]
    [InlineData("demo_markers: { a: { b: { $foo: 1 } } }\ncollections:\n  a: { fields: { x: $x } }\n", "r.yaml:1:20: invalid MongoDB filter: unknown operator: $foo")]
    [InlineData("collections:\n  a: [x]\n", "r.yaml:2:6: expected the rules of 'a' as a mapping with any of: source, filter, id, fields, copy_unlisted, validate")]
    [InlineData("collections:\n  a: { fields: { x: $x }, filters: {} }\n", "r.yaml:2:27: unknown key 'filters' for 'a'; expected one of: source, filter, id, fields, copy_unlisted, validate")]
    [InlineData("collections:\n  a: { copy_unlisted: 1 }\n", "r.yaml:2:23: expected true or false")]
    [InlineData("collections:\n  a: { fields: [x] }\n", "r.yaml:2:16: expected a mapping of target field → source ($field, a constant, or { from, default, apply, map_id, … })")]
    [InlineData("collections:\n  a: { fields: { x: [1] } }\n", "r.yaml:2:21: expected the source of a.x: $field, a constant, or { from, value, now, default, apply, map_id, drop }")]
    [InlineData("collections:\n  a: { fields: { x: { form: x } } }\n", "r.yaml:2:23: unknown key 'form' for a.x; expected one of: from, value, now, default, apply, map_id, drop")]
    [InlineData("collections:\n  a: { fields: { x: $x }, validate: { x: { patern: 1 } } }\n", "r.yaml:2:44: unknown rule 'patern' for a.x; expected one of: required, type, not_blank, min_length, max_length, pattern, enum, min, max, not_in_future, lowercase, unique")]
    public void A_transform_rules_mistake_reads_exactly(string yaml, string expected)
    {
        var error = Assert.Throws<UserInputException>(() => TransformRulesParser.Parse(yaml, "r.yaml"));
        Assert.Equal(expected, error.Message);
    }
}
