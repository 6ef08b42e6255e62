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
