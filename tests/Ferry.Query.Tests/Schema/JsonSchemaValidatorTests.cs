using Ferry.Query.Common;
using Ferry.Query.Schema;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Schema;

public class JsonSchemaValidatorTests
{
    private static readonly BsonDocument UserSchema = BsonDocument.Parse("""
        {
          bsonType: "object",
          required: ["email", "created_at"],
          properties: {
            email: { bsonType: "string", pattern: "@", maxLength: 20 },
            age: { bsonType: ["int", "long"], minimum: 0, maximum: 150 },
            created_at: { bsonType: "date" },
            status: { enum: ["draft", "processing", "completed"] },
            tags: { bsonType: "array", items: { bsonType: "string" }, uniqueItems: true, maxItems: 3 },
            profile: { bsonType: "object", additionalProperties: false, properties: { full_name: { type: "string", minLength: 1 } } }
          }
        }
        """);

    private static JsonSchemaValidator Validator => JsonSchemaValidator.Compile(UserSchema);

    [Fact]
    public void A_document_with_every_property_right_is_valid()
    {
        var doc = BsonDocument.Parse("""{ _id: 1, email: "a@b.c", age: 30, created_at: ISODate("2024-01-01T00:00:00Z"), status: "draft", tags: ["x"], profile: { full_name: "Ann" } }""");
        Assert.True(Validator.IsValid(doc));
        Assert.Empty(Validator.Validate(doc));
    }

    [Fact]
    public void Keywords_only_constrain_values_of_their_own_type()
    {
        // minimum says nothing about a string; pattern says nothing about a number (MongoDB's semantics).
        var schema = JsonSchemaValidator.Compile(BsonDocument.Parse("""{ properties: { a: { minimum: 5, pattern: "^x" } } }"""));
        Assert.True(schema.IsValid(BsonDocument.Parse("""{ a: "xyz" }""")));
        Assert.True(schema.IsValid(BsonDocument.Parse("""{ a: 7 }""")));
        Assert.False(schema.IsValid(BsonDocument.Parse("""{ a: 3 }""")));
        Assert.False(schema.IsValid(BsonDocument.Parse("""{ a: "abc" }""")));
        Assert.True(schema.IsValid(new BsonDocument()));
    }

    [Fact]
    public void Every_violation_is_reported_with_its_path_and_keyword()
    {
        var doc = BsonDocument.Parse("""{ email: "no-at-sign", age: -1, status: "bogus", tags: ["a", "a"], profile: { full_name: "", nick: "z" } }""");
        var found = Validator.Validate(doc).Select(v => $"{v.Path}:{v.Keyword}").ToList();
        Assert.Equal(
            ["created_at:required", "email:pattern", "age:minimum", "status:enum", "tags:uniqueItems", "profile.full_name:minLength", "profile.nick:additionalProperties"],
            found);
    }

    [Fact]
    public void Number_type_covers_every_numeric_bson_type_but_bsonType_int_does_not_cover_double()
    {
        var number = JsonSchemaValidator.Compile(BsonDocument.Parse("""{ properties: { n: { type: "number" } } }"""));
        var integer = JsonSchemaValidator.Compile(BsonDocument.Parse("""{ properties: { n: { bsonType: "int" } } }"""));
        foreach (var v in new BsonValue[] { 1, 1L, 1.5, new BsonDecimal128(1.5m) })
        {
            Assert.True(number.IsValid(new BsonDocument("n", v)));
        }

        Assert.True(integer.IsValid(new BsonDocument("n", 1)));
        Assert.False(integer.IsValid(new BsonDocument("n", 1.0)));
    }

    [Fact]
    public void Combinators_and_dependencies_follow_json_schema()
    {
        var schema = JsonSchemaValidator.Compile(BsonDocument.Parse("""
            { oneOf: [ { required: ["a"] }, { required: ["b"] } ], not: { required: ["c"] }, dependencies: { d: ["e"] } }
            """));
        Assert.True(schema.IsValid(BsonDocument.Parse("{ a: 1 }")));
        Assert.False(schema.IsValid(BsonDocument.Parse("{ a: 1, b: 1 }")));
        Assert.False(schema.IsValid(BsonDocument.Parse("{ a: 1, c: 1 }")));
        Assert.False(schema.IsValid(BsonDocument.Parse("{ a: 1, d: 1 }")));
        Assert.True(schema.IsValid(BsonDocument.Parse("{ a: 1, d: 1, e: 1 }")));
    }

    [Theory]
    [InlineData("""{ bsonType: "integer" }""", "Unknown type name alias: integer")]
    [InlineData("""{ type: "integer" }""", "$jsonSchema type 'integer' is not currently supported.")]
    [InlineData("""{ foo: 1 }""", "Unknown $jsonSchema keyword: foo")]
    [InlineData("""{ required: [] }""", "$jsonSchema keyword 'required' must be a non-empty array of strings")]
    [InlineData("""{ pattern: "(" }""", "$jsonSchema keyword 'pattern' has an invalid regular expression")]
    public void A_bad_schema_is_rejected_with_mongodbs_message(string schema, string message)
    {
        var error = Assert.ThrowsAny<MqlException>(() => JsonSchemaValidator.Compile(BsonDocument.Parse(schema)));
        Assert.StartsWith(message, error.Message);
    }
}

public class JsonSchemaInFilterTests
{
    [Fact]
    public void A_top_level_jsonSchema_in_a_filter_matches_documents_that_satisfy_it()
    {
        var matcher = Ferry.Query.Filters.FilterMatcher.Compile(BsonDocument.Parse("""{ $jsonSchema: { required: ["email"], properties: { email: { bsonType: "string" } } }, active: true }"""));
        Assert.True(matcher.Matches(BsonDocument.Parse("""{ email: "a@b", active: true }""")));
        Assert.False(matcher.Matches(BsonDocument.Parse("""{ email: 5, active: true }""")));
        Assert.False(matcher.Matches(BsonDocument.Parse("""{ active: true }""")));
    }
}
