using Ferry.Cli.Infrastructure;
using MongoDB.Bson;
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
        Assert.Equal((BsonValue?)FerryVersion.Current.Commit ?? BsonNull.Value, doc["commit"]);
    }

    [Fact]
    public async Task Dash_dash_version_and_the_version_verb_print_the_same_line_with_the_builds_version()
    {
        var (exit, output) = await RunAsync("--version");
        var (verbExit, verbOutput) = await RunAsync("version");
        Assert.Equal(0, exit);
        Assert.Equal(0, verbExit);
        Assert.Equal(FerryVersion.Current.Display, output.Trim());
        Assert.Equal(output.Trim(), verbOutput.Trim());
        Assert.StartsWith("ferry 0.1.0", output);
    }

    [SkippableFact]
    public void A_build_in_a_git_checkout_carries_its_commit()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ferry.slnx")))
        {
            root = root.Parent;
        }

        Skip.If(root is null || !Path.Exists(Path.Combine(root.FullName, ".git")), "built outside a git checkout: the build knows no commit");
        Assert.Matches("^[0-9a-f]{40}$", FerryVersion.Current.Commit);
        Assert.Equal($"ferry 0.1.0 (commit {FerryVersion.Current.Commit![..12]})", FerryVersion.Current.Display);
    }

    [Theory]
    [InlineData("0.1.0+0123456789abcdef0123456789abcdef01234567", "0.1.0", "0123456789abcdef0123456789abcdef01234567", "ferry 0.1.0 (commit 0123456789ab)")]
    [InlineData("0.1.0", "0.1.0", null, "ferry 0.1.0")]
    [InlineData("1.2.3-beta.1+", "1.2.3-beta.1", null, "ferry 1.2.3-beta.1")]
    public void The_informational_version_splits_into_version_and_commit(string informational, string version, string? commit, string display)
    {
        var parsed = FerryVersion.Parse(informational);
        Assert.Equal(new FerryVersion(version, commit), parsed);
        Assert.Equal(display, parsed.Display);
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
