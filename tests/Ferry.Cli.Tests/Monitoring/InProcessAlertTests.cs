using Ferry.Cli.Infrastructure;
using Ferry.Core.Observability;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Monitoring;

/// <summary>
/// <c>alerts:</c> in ferry.yaml reaches a real <c>ferry transform</c> process: a threshold every run crosses (a
/// rate no store reaches) fires MigrationSlowProgress, recorded in the run's journal; <c>enabled: false</c> records none.
/// </summary>
public sealed class InProcessAlertTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("true", new[] { AlertThresholds.SlowProgress })]
    [InlineData("false", new string[0])]
    public async Task A_transform_records_the_in_process_alerts_ferry_yaml_asks_for(string enabled, string[] expected)
    {
        await _cli.SeedAsync("app", "items", [.. Enumerable.Range(1, 50).Select(i => new BsonDocument { { "_id", i }, { "name", $"item {i}" } })]);
        await File.WriteAllTextAsync(_cli.PathOf("transform.yaml"), "collections:\n  items:\n    id: keep\n    fields:\n      name: $name\n");
        await File.WriteAllTextAsync(_cli.PathOf("ferry.yaml"), $"alerts:\n  documents_per_second: 1000000000000\n  documents_per_second_for: 0s\n  enabled: {enabled}\n");

        var (exit, output) = await FerryProcess.RunAsync(_cli.Folder, null,
            "transform", "--rules", "transform.yaml", "--source-uri", _cli.StoreUri, "--source-db", "app", "--target-db", "prod", "--json");

        Assert.True(exit == 0, output);
        var runId = BsonDocument.Parse(output[..(output.LastIndexOf('}') + 1)])["runId"].AsString;
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(_cli.StoreUri);
        var run = (await new RunJournal(store.GetDatabase("prod")).GetAsync(runId))!;
        Assert.Equal(expected, run["alerts"].AsBsonArray.Select(a => a["alert"].AsString));
    }
}
