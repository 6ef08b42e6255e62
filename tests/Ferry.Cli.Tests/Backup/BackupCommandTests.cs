using System.IO.Compression;
using Ferry.Cli.Infrastructure;
using MongoDB.Bson;
using Spectre.Console.Testing;

namespace Ferry.Cli.Tests.Backup;

/// <summary>Drives <c>ferry backup …</c> end to end on the embedded store through Spectre's test console.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ferry-cli-backup-tests", Guid.NewGuid().ToString("N"));

    public BackupCommandTests() => Directory.CreateDirectory(_root);

    private string Backups => Path.Combine(_root, "backups");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Restore_from_a_mongodump_then_create_verify_list_last_good_and_restore_again()
    {
        var source = $"file:{Path.Combine(_root, "source")}";

        // mongo-tools' testdirs dump: db1.c1 and db1.c4 hold documents, db1.c2 and db1.c3 are empty, db2 has no BSON.
        var from = TestData.Folder("mongodump-samples", "mongo-tools", "mongorestore", "testdata", "testdirs");
        var (exit, output) = await RunAsync("backup", "restore", "--uri", source, "--from", from, "--nsInclude", "db1.c1", "--nsInclude", "db1.c4", "--out", Backups, "--json");
        Assert.True(exit == 0, output);
        var restored = BsonDocument.Parse(output);
        Assert.True(restored["ok"].AsBoolean);
        Assert.Equal(["db1.c1", "db1.c4"], restored["namespaces"].AsBsonArray.Select(n => n["target"].AsString));

        (exit, output) = await RunAsync("backup", "create", "--uri", source, "--db", "db1", "--tag", "first", "--gzip", "--out", Backups, "--json");
        Assert.True(exit == 0, output);
        var created = BsonDocument.Parse(output);
        Assert.Equal("first", created["tag"].AsString);
        // The backup holds the restored documents, and the restore's run in the journal (db1._ferry_runs).
        Assert.Equal(restored["documents"].ToInt64() + 1, created["documents"].ToInt64());
        Assert.Equal(1, created["namespaces"].AsBsonArray.Single(n => n["ns"] == "db1._ferry_runs")["documents"].ToInt64());

        (exit, output) = await RunAsync("backup", "create", "--uri", source, "--tag", "second", "--archive=db1.archive", "--emergency", "--out", Backups);
        Assert.True(exit == 0, output);
        Assert.Contains("backup emergency-second", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Backups, "emergency-second", "db1.archive")));

        (exit, output) = await RunAsync("backup", "verify", "--tag", "first", "--out", Backups, "--json");
        Assert.Equal(0, exit);
        Assert.True(BsonDocument.Parse(output)["ok"].AsBoolean);

        (exit, output) = await RunAsync("backup", "list", "--out", Backups, "--json");
        Assert.Equal(0, exit);
        var list = BsonDocument.Parse(output)["backups"].AsBsonArray;
        Assert.Equal(["emergency-second", "first"], list.Select(b => b["tag"].AsString));
        Assert.True(list[0]["emergency"].AsBoolean);
        Assert.Equal(BsonNull.Value, list[0]["verified"]);
        Assert.True(list[1]["verified"].AsBoolean);

        (exit, output) = await RunAsync("backup", "list", "--out", Backups);
        Assert.Equal(0, exit);
        Assert.Contains("emergency-second (emergency)", output, StringComparison.Ordinal);

        (exit, output) = await RunAsync("backup", "last-good", "--out", Backups, "--json");
        Assert.Equal(0, exit);
        Assert.Equal("emergency-second", BsonDocument.Parse(output)["tag"].AsString);

        var target = $"file:{Path.Combine(_root, "target")}";
        (exit, output) = await RunAsync("backup", "restore", "--uri", target, "--tag", "first", "--to-db", "copy", "--dry-run", "--out", Backups, "--json");
        Assert.Equal(0, exit);
        Assert.True(BsonDocument.Parse(output)["dryRun"].AsBoolean);

        (exit, output) = await RunAsync("backup", "restore", "--uri", target, "--tag", "first", "--to-db", "copy", "--out", Backups);
        Assert.True(exit == 0, output);
        Assert.Contains("counts match", output, StringComparison.Ordinal);

        (exit, output) = await RunAsync("backup", "restore", "--uri", target, "--tag", "first", "--to-db", "copy", "--out", Backups);
        Assert.Equal(2, exit);
        Assert.Contains("refusing to restore into non-empty collection(s)", output, StringComparison.Ordinal);

        (exit, _) = await RunAsync("backup", "restore", "--uri", target, "--tag", "first", "--to-db", "copy", "--drop", "--parallel", "2", "--out", Backups);
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task Verify_of_a_corrupted_backup_exits_1_naming_file_and_offset()
    {
        var source = $"file:{Path.Combine(_root, "source")}";
        var (exit, output) = await RunAsync("backup", "restore", "--uri", source, "--from", Path.Combine(_root, "no-such-dump"), "--out", Backups);
        Assert.Equal(2, exit);
        Assert.Contains("no such folder or archive file", output, StringComparison.Ordinal);

        // A `mongodump --archive --gzip` file: mongo-tools' test.bar.archive (admin.system.version, test.bar) gzipped whole.
        var archive = Path.Combine(_root, "dump.gz");
        await using (var plain = File.OpenRead(TestData.File("mongodump-samples/mongo-tools/mongorestore/testdata/test.bar.archive")))
        await using (var gzip = new GZipStream(File.Create(archive), CompressionLevel.Optimal))
        {
            await plain.CopyToAsync(gzip);
        }

        (exit, output) = await RunAsync("backup", "restore", "--uri", source, "--from", archive, "--out", Backups);
        Assert.True(exit == 0, output);
        (exit, output) = await RunAsync("backup", "create", "--uri", source, "--tag", "k", "--out", Backups);
        Assert.True(exit == 0, output);

        var file = Path.Combine(Backups, "k", "test", "bar.bson");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[4] = 0x42; // first element type of the first document
        await File.WriteAllBytesAsync(file, bytes);
        (exit, output) = await RunAsync("backup", "verify", "--tag", "k", "--out", Backups);
        Assert.Equal(1, exit);
        Assert.Contains("test/bar.bson: byte 4: document 1 (starting at byte 0): unknown element type 0x42", output, StringComparison.Ordinal);

        (exit, output) = await RunAsync("backup", "last-good", "--out", Backups);
        Assert.Equal(1, exit);
        Assert.Contains("no backup", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_is_live_on_an_interactive_terminal_and_one_line_per_collection_otherwise()
    {
        var from = WriteDump(("shop", "items", 12_345), ("other", "skipped", 3));
        var console = new TestConsole().Interactive();
        console.Profile.Width = 250;
        var exit = await FerryApp.Create(console).RunAsync(["backup", "restore", "--uri", $"file:{Path.Combine(_root, "live")}", "--from", from, "--db", "shop", "--out", Backups]);
        Assert.Equal(0, exit);
        Assert.Contains("shop.items: 12,345 document(s) restored", console.Output, StringComparison.Ordinal);

        var (plainExit, plain) = await RunAsync("backup", "restore", "--uri", $"file:{Path.Combine(_root, "plain")}", "--from", from, "--db", "shop", "--out", Backups);
        Assert.Equal(0, plainExit);
        Assert.Contains("restored shop.items: 12345 document(s)", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("other.skipped", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_failing_half_way_exits_1_with_the_failure_document()
    {
        var dump = WriteDump(("db", "a", 3), ("db", "b", 3));
        // A length prefix that runs past the end of the file: the restore of db.b stops there.
        File.AppendAllText(Path.Combine(dump, "db", "b.bson"), "\u0040\0\0\0");

        var (exit, output) = await RunAsync("backup", "restore", "--uri", $"file:{_root}/t", "--from", dump, "--parallel", "1", "--out", Backups, "--json");

        Assert.Equal(1, exit);
        // The test console carries both streams: the JSON document, then the error line (standard error).
        var json = BsonDocument.Parse(output[..output.IndexOf("error: ", StringComparison.Ordinal)]);
        Assert.Equal(["ok", "error", "failed", "restored", "runId"], json.Names);
        Assert.False(json["ok"].AsBoolean);
        Assert.Equal("db.b", json["failed"].AsString);
        Assert.Equal(new BsonArray { "db.a" }, json["restored"].AsBsonArray);
        Assert.Contains("error: restore failed in db.b: ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tag: say which backup to verify (see ferry backup list)", "backup", "verify")]
    [InlineData("--tag: a backup needs a tag (e.g. --tag before-v2)", "backup", "create", "--uri", "file:unused")]
    [InlineData("--tag or --from: say which backup (a tag) or dump (a mongodump folder or archive) to restore", "backup", "restore", "--uri", "file:unused")]
    public async Task A_missing_required_backup_option_is_bad_input_naming_the_option(string expected, params string[] args)
    {
        var (exit, output) = await RunAsync([.. args, "--out", Backups]);

        Assert.Equal(2, exit);
        Assert.Contains("error: " + expected, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Backups));
    }

    [Fact]
    public async Task Bad_input_exits_2()
    {
        Assert.Equal(2, (await RunAsync("backup", "verify", "--out", Backups)).Exit);
        Assert.Equal(2, (await RunAsync("backup", "verify", "--tag", "nope", "--out", Backups)).Exit);
        Assert.Equal(2, (await RunAsync("backup", "create", "--uri", $"file:{_root}/s", "--out", Backups)).Exit);
        Assert.Equal(2, (await RunAsync("backup", "create", "--uri", $"file:{_root}/s", "--tag", "../x", "--out", Backups)).Exit);
        Assert.Equal(2, (await RunAsync("backup", "restore", "--uri", $"file:{_root}/s", "--out", Backups)).Exit);
        Assert.Equal(2, (await RunAsync("backup", "restore", "--uri", $"file:{_root}/s", "--tag", "a", "--frobnicate")).Exit);
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        var exit = await FerryApp.Create(console).RunAsync(args);
        return (exit, console.Output);
    }

    /// <summary>A mongodump-layout folder (<c>db/coll.bson</c> + metadata) of generated documents, written with the driver's serializer.</summary>
    private string WriteDump(params (string Database, string Collection, int Documents)[] collections)
    {
        var dump = Path.Combine(_root, "generated-dump");
        foreach (var (database, collection, documents) in collections)
        {
            Directory.CreateDirectory(Path.Combine(dump, database));
            using (var data = File.Create(Path.Combine(dump, database, collection + ".bson")))
            {
                for (var i = 0; i < documents; i++)
                {
                    data.Write(new BsonDocument { { "_id", i }, { "name", $"item {i}" } }.ToBson());
                }
            }

            File.WriteAllText(Path.Combine(dump, database, collection + ".metadata.json"), "{\"indexes\":[{\"v\":2,\"key\":{\"_id\":1},\"name\":\"_id_\"}]}");
        }

        return dump;
    }
}
