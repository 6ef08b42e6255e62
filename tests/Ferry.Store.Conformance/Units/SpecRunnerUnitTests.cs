using Ferry.Store.Conformance.Spec;
using Ferry.Store.Conformance.Targets;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Units;

/// <summary>The spec runner's own rules: schema checks, version checks, matching and exclusions.</summary>
public sealed class SpecRunnerUnitTests
{
    private static readonly JsonSchemaValidator Schema = new(SpecLoader.Read(Path.Combine(SpecLoader.Root, "schema-latest.json")));

    private const string ValidFile = "{description: 'x', schemaVersion: '1.0', tests: [{description: 't', operations: [{name: 'find', object: 'c', arguments: {filter: {}}}]}]}";

    [Fact]
    public void Every_unified_spec_file_satisfies_the_schema()
    {
        var invalid = Directory.GetFiles(Path.Combine(SpecLoader.Root, "unified"), "*.json")
            .SelectMany(f => Schema.Validate(SpecLoader.Read(f)).Select(e => Path.GetFileName(f) + ": " + e))
            .ToList();

        Assert.Empty(invalid);
    }

    [Fact]
    public void Unknown_fields_are_schema_errors_at_every_level()
    {
        var topLevel = Doc.Parse(ValidFile).Add("extra", 1);
        var inOperation = Doc.Parse(ValidFile);
        inOperation["tests"][0]["operations"][0].AsBsonDocument.Add("expectResults", new BsonArray());

        Assert.Equal(["$.extra: unknown field"], Schema.Validate(topLevel));
        Assert.Equal(["$.tests[0].operations[0].expectResults: unknown field"], Schema.Validate(inOperation));
        Assert.Empty(Schema.Validate(Doc.Parse(ValidFile)));
    }

    [Fact]
    public void Missing_required_fields_and_wrong_types_are_schema_errors()
    {
        var errors = Schema.Validate(Doc.Parse("{description: 1, tests: []}"));

        Assert.Contains("$: missing required field 'schemaVersion'", errors);
        Assert.Contains("$.description: expected string but found Int32", errors);
        Assert.Contains("$.tests: needs at least 1 items", errors);
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1.21", true)]
    [InlineData("1.22", false)]
    [InlineData("2.0", false)]
    public void Only_known_schema_versions_are_accepted(string version, bool accepted)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-spec-" + Guid.NewGuid().ToString("N"));
        var unified = Path.Combine(folder, "unified");
        Directory.CreateDirectory(unified);
        try
        {
            var file = Doc.Parse(ValidFile);
            file["schemaVersion"] = version;
            File.WriteAllText(Path.Combine(unified, "x.json"), file.ToJson());
            File.Copy(Path.Combine(SpecLoader.Root, "schema-latest.json"), Path.Combine(folder, "schema-latest.json"));

            var test = Assert.Single(SpecLoader.Load("unified/x.json", folder));

            Assert.Equal(accepted, test.LoadErrors.Count == 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("{a: 1}", "{a: 1, b: 2}", true)]
    [InlineData("{a: {x: 1}}", "{a: {x: 1, y: 2}}", false)]
    [InlineData("[{a: 1}]", "[{a: 1, b: 2}]", true)]
    [InlineData("[{a: {x: 1}}]", "[{a: {x: 1, y: 2}}]", false)]
    [InlineData("[{a: 1}]", "[{a: 1}, {a: 2}]", false)]
    [InlineData("{n: 1}", "{n: NumberLong(1)}", true)]
    [InlineData("{n: 1}", "{n: 1.0}", true)]
    [InlineData("{n: 1}", "{n: NumberDecimal('1')}", false)]
    [InlineData("{n: {$$unsetOrMatches: 1}}", "{}", true)]
    [InlineData("{n: {$$unsetOrMatches: 1}}", "{n: 2}", false)]
    [InlineData("{n: {$$exists: false}}", "{n: 2}", false)]
    [InlineData("{n: {$$exists: true}}", "{n: null}", true)]
    [InlineData("{n: {$$type: ['int', 'long']}}", "{n: NumberLong(5)}", true)]
    [InlineData("{n: {$$type: 'string'}}", "{n: 5}", false)]
    [InlineData("{n: {$$sessionLsid: 's'}}", "{n: 5}", false)]
    public void Matching_follows_the_unified_format_rules(string expected, string actual, bool matches)
    {
        var expectedValue = expected.StartsWith('[') ? (BsonValue)Doc.Array(expected) : Doc.Parse(expected);
        var actualValue = actual.StartsWith('[') ? (BsonValue)Doc.Array(actual) : Doc.Parse(actual);

        Assert.Equal(matches, UnifiedMatcher.Match(expectedValue, actualValue) is null);
    }

    [Fact]
    public void Exclusions_name_the_feature_and_the_reason()
    {
        var environment = new SpecEnvironment("embedded", new Version(8, 0, 0), "standalone");
        var hinted = new SpecTest { File = "f", Index = 0, Description = "d", Operations = [Doc.Parse("{name: 'find', object: 'c', arguments: {filter: {}, hint: '_id_'}}")] };
        var plain = hinted with { Operations = [Doc.Parse("{name: 'find', object: 'c', arguments: {filter: {}}}")] };
        var oldServer = plain with { RunOn = [[Doc.Parse("{maxServerVersion: '4.4.99'}")]] };

        Assert.StartsWith("hint: ", SpecExclusions.Reason(hinted, environment), StringComparison.Ordinal);
        Assert.Null(SpecExclusions.Reason(plain, environment));
        Assert.StartsWith("run-on requirements: ", SpecExclusions.Reason(oldServer, environment), StringComparison.Ordinal);
    }
}
