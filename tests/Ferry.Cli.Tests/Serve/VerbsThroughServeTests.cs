using System.Diagnostics;
using Ferry.Cli.Infrastructure;
using Ferry.Cli.Tests.Chaos;
using Ferry.Cli.Tests.Plans;
using Ferry.Core.Storage;

namespace Ferry.Cli.Tests.Serve;

/// <summary>
/// Every verb's MongoDB path (Ferry.Store.Mongo over the official driver and a real socket) run against
/// <c>ferry serve</c>, and the same verbs on the embedded store: the data they leave must be the same (#20). This
/// proves the driver path, not MongoDB's own semantics (the served store is the embedded one).
/// </summary>
public sealed class VerbsThroughServeTests
{
    private static readonly Dictionary<string, string> FixedClock = new() { ["FERRY_CLOCK"] = "2026-06-01T12:00:00Z" };

    [Fact]
    public async Task Migrate_transform_doctor_validate_backup_and_restore_through_the_driver_leave_what_the_embedded_store_leaves()
    {
        using var fixture = await PlanFixture.SeedAsync();
        var served = fixture.PathOf("served");
        ChaosHarness.CopyFolder(fixture.PathOf("data"), served);
        var port = Notifications.LoopbackPorts.Free();
        using var serve = FerryProcess.Start(["serve", "--uri", "file:" + served, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var mongo = $"mongodb://127.0.0.1:{port}/?directConnection=true&serverSelectionTimeoutMS=30000";

        var embedded = await RunVerbsAsync(fixture, fixture.Uri, "embedded");
        var driver = await RunVerbsAsync(fixture, mongo, "driver");
        using (var term = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        Assert.Equal(0, (await serve.WaitAsync(TimeSpan.FromMinutes(1))).Exit);
        Assert.Equal(embedded.Exits, driver.Exits);
        Assert.Equal([0, 0, 0, 0, 0, 0], embedded.Exits);
        foreach (var database in new[] { PlanFixture.DemoDb, "prod" })
        {
            AssertSame(database, await ExportAsync(fixture.Uri, database), await ExportAsync("file:" + served, database));
        }

        Assert.Equal(await ExportAsync("file:" + fixture.PathOf("restored-embedded"), "prod"), await ExportAsync("file:" + fixture.PathOf("restored-driver"), "prod"));
        Assert.NotEmpty(await ExportAsync("file:" + fixture.PathOf("restored-driver"), "prod"));
    }

    private static async Task<(int[] Exits, string Output)> RunVerbsAsync(PlanFixture fixture, string uri, string name)
    {
        var samples = PlanFixture.SamplesFolder;
        var backups = fixture.PathOf("backups-" + name);
        string[][] verbs =
        [
            ["migrate", "up", "--uri", uri, "--db", PlanFixture.DemoDb, "--dir", Path.Combine(samples, "migrations"), "--no-backup"],
            ["transform", "--rules", Path.Combine(samples, "demo-to-prod.yaml"), "--source-uri", uri, "--source-db", PlanFixture.DemoDb, "--target-db", "prod", "--partitions", "1"],
            ["doctor", "integrity", "--uri", uri, "--db", "prod", "--rules", Path.Combine(samples, "validation-prod.yaml"), "--fix"],
            ["validate", "--uri", uri, "--db", "prod", "--rules", Path.Combine(samples, "validation-prod.yaml")],
            ["backup", "create", "--uri", uri, "--db", "prod", "--tag", "t", "--out", backups],
            ["backup", "restore", "--uri", "file:" + fixture.PathOf("restored-" + name), "--tag", "t", "--out", backups],
        ];
        var exits = new List<int>();
        var output = new System.Text.StringBuilder();
        foreach (var verb in verbs)
        {
            var (exit, text) = await FerryProcess.RunAsync(fixture.Folder, FixedClock, verb);
            exits.Add(exit);
            output.Append(string.Join(' ', verb)).Append(" -> ").Append(exit).Append('\n').Append(text).Append('\n');
            Assert.True(exit is 0, $"{name}: {output}");
        }

        return ([.. exits], output.ToString());
    }

    // User collections as sorted lists of exact document bytes (the served path may store in another order).
    private static async Task<SortedDictionary<string, string>> ExportAsync(string uri, string database)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(uri);
        var db = store.GetDatabase(database);
        var export = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in await db.ListCollectionsAsync())
        {
            if (info.Name.StartsWith("_ferry_", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = new List<string>();
            await foreach (var raw in db.GetCollection(info.Name).ScanAsync())
            {
                using (raw)
                {
                    // bcrypt salts each hash at random: a hash compares as its algorithm and cost.
                    var document = raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings());
                    if (document.GetValue("password_hash", null) is MongoDB.Bson.BsonString { Value.Length: 60 } hash && hash.Value.StartsWith("$2a$10$", StringComparison.Ordinal))
                    {
                        document["password_hash"] = "bcrypt cost 10";
                    }

                    lines.Add(Convert.ToHexString(MongoDB.Bson.BsonExtensionMethods.ToBson(document)));
                }
            }

            lines.Sort(StringComparer.Ordinal);
            export[info.Name] = string.Join('\n', lines);
        }

        return export;
    }

    private static void AssertSame(string database, SortedDictionary<string, string> expected, SortedDictionary<string, string> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, documents) in expected)
        {
            var want = documents.Split('\n');
            var got = actual[name].Split('\n');
            var first = want.Zip(got).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second);
            Assert.True(want.Length == got.Length && first.p.First is null, $"{database}.{name}: {want.Length} vs {got.Length} documents; first difference at {first.i}: {Show(first.p.First)} vs {Show(first.p.Second)}");
        }
    }

    private static string Show(string? hex) => hex is null ? "-" : MongoDB.Bson.Serialization.BsonSerializer.Deserialize<MongoDB.Bson.BsonDocument>(Convert.FromHexString(hex)).ToString();

}
