using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary><c>ferry analyze</c>: exit 0 with --json, the --out file and the rules draft that ferry validate accepts; exit 2 on bad input with nothing written.</summary>
public class AnalyzeCommandTests
{
    private static async Task SeedAsync(CliHarness cli)
    {
        await cli.SeedAsync("app", "users", new BsonDocument { { "_id", 1 }, { "email", "a@x.io" }, { "api_token", "s3cr3t-value" } }, new BsonDocument { { "_id", 2 }, { "email", "b@x.io" }, { "api_token", "other-s3cr3t" } });
        await cli.SeedAsync("app", "orders", new BsonDocument { { "_id", 10 }, { "user_id", 1 } }, new BsonDocument { { "_id", 11 }, { "user_id", 2 } });
    }

    [Fact]
    public async Task Analyze_writes_the_analysis_and_a_rules_draft_that_validate_passes()
    {
        using var cli = new CliHarness();
        await SeedAsync(cli);
        var outFile = cli.PathOf("analysis.json");
        var draft = cli.PathOf("draft.yaml");

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("analyze", "--uri", cli.StoreUri, "--db", "app", "--sample", "all", "--out", outFile, "--rules-draft", draft, "--json");

        Assert.True(exit == 0, stderr);
        var printed = BsonDocument.Parse(stdout);
        Assert.Equal(BsonDocument.Parse(await File.ReadAllTextAsync(outFile)), printed);
        Assert.Equal(new BsonArray { "users", "orders" }, printed["dependencyOrder"]);
        var reference = printed["references"].AsBsonArray.Single().AsBsonDocument;
        Assert.Equal(new BsonDocument { { "collection", "orders" }, { "field", "user_id" }, { "to", "users._id" }, { "checked", 2 }, { "matched", 2 }, { "ratio", 1.0 } }, reference);
        Assert.DoesNotContain("s3cr3t", stdout, StringComparison.Ordinal);

        var (validateExit, validateOut) = await CliHarness.RunAsync("validate", "--uri", cli.StoreUri, "--db", "app", "--rules", draft);
        Assert.True(validateExit == 0, validateOut);
        Assert.Contains("orders.user_id -> users._id", validateOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sample", "0", "--sample 0: expected a whole number of at least 1, or all")]
    [InlineData("--sample", "some", "--sample some: expected a whole number of at least 1, or all")]
    [InlineData("--collections", "nope", "--collections nope: no collection 'nope' in database 'app'")]
    public async Task Bad_input_exits_2_with_one_line_and_writes_nothing(string option, string value, string message)
    {
        using var cli = new CliHarness();
        await SeedAsync(cli);
        var outFile = cli.PathOf("analysis.json");

        var (exit, _, stderr) = await CliHarness.RunSplitAsync("analyze", "--uri", cli.StoreUri, "--db", "app", option, value, "--out", outFile);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outFile));
    }
}
