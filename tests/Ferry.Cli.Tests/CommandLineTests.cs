using Ferry.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace Ferry.Cli.Tests;

public class CommandLineTests
{
    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exit = await FerryApp.Create(console).RunAsync(args);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Unknown_verb_exits_2_with_a_one_line_message_and_no_stack_trace()
    {
        var (exit, output) = await RunAsync("frobnicate");
        Assert.Equal(2, exit);
        Assert.Contains("Unknown command 'frobnicate'", output);
        Assert.DoesNotContain(" at ", output);
    }

    [Fact]
    public async Task Unknown_option_exits_2()
    {
        var (exit, output) = await RunAsync("version", "--no-such-option");
        Assert.Equal(2, exit);
        Assert.Contains("Unknown option", output);
    }

    [Fact]
    public async Task Version_json_prints_a_json_document()
    {
        var (exit, output) = await RunAsync("version", "--json");
        Assert.Equal(0, exit);
        var doc = MongoDB.Bson.BsonDocument.Parse(output);
        Assert.Equal("0.1.0", doc["version"].AsString);
    }
}

public class UnreachableServerTests
{
    [Fact]
    public async Task An_unreachable_mongodb_is_one_redacted_line_and_exit_2()
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var exit = await FerryApp.Create(console).RunAsync(
            ["export", "--uri", "mongodb://admin:s3cret@127.0.0.1:1/?serverSelectionTimeoutMS=1500", "--db", "shop", "--collection", "orders"]);

        Assert.Equal(2, exit);
        Assert.Contains("127.0.0.1:1", console.Output);
        Assert.Contains("admin:***@", console.Output);
        Assert.DoesNotContain("s3cret", console.Output);
        Assert.DoesNotContain(" at Ferry.", console.Output);
        Assert.Single(console.Output.Trim().Split('\n'), line => line.StartsWith("error:", StringComparison.Ordinal));
    }
}
