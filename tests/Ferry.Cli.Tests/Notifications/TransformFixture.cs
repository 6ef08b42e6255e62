using System.Text.Json.Nodes;

namespace Ferry.Cli.Tests.Notifications;

/// <summary>A small demo data set, the guide's rules and a ferry.yaml in a test folder: what a real
/// <c>ferry transform</c> child process needs to run there.</summary>
internal sealed class TransformFixture : IDisposable
{
    private readonly CliHarness _cli = new();

    private TransformFixture()
    {
    }

    public string Folder => _cli.Folder;

    public string Uri => "file:" + _cli.PathOf("demo/data");

    public string Rules => _cli.PathOf("rules.yaml");

    public static async Task<TransformFixture> CreateAsync(string ferryYaml, int size = 40)
    {
        var fixture = new TransformFixture();
        var (seeded, output) = await CliHarness.RunAsync("demo", "--dir", fixture._cli.PathOf("demo"), "--size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(seeded == 0, output);
        await File.WriteAllTextAsync(fixture.Rules, Ferry.Demo.Workflow.SampleRules.Read(Ferry.Demo.Workflow.SampleRules.DemoToProduction));
        await File.WriteAllTextAsync(fixture._cli.PathOf("ferry.yaml"), ferryYaml);
        return fixture;
    }

    public string[] TransformArgs(string targetDb, params string[] more) =>
        ["transform", "--rules", Rules, "--source-uri", Uri, "--source-db", "inframind_demo", "--target-db", targetDb, "--json", .. more];

    /// <summary>Runs ferry in the fixture's folder (so its ferry.yaml is read) as a child process.</summary>
    public async Task<FerryProcess.Outcome> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = FerryProcess.Start(args, environment, Folder);
        return await process.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public static JsonObject Result(FerryProcess.Outcome outcome) => JsonNode.Parse(outcome.Stdout)!.AsObject();

    public void Dispose() => _cli.Dispose();
}
