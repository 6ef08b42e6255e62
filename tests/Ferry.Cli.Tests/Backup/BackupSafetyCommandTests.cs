using Ferry.Cli.Infrastructure;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Backup;

/// <summary>The issue #23 scenarios end to end: a corrupt backup is never restored, a broken manifest is a named failed backup.</summary>
public sealed class BackupSafetyCommandTests
{
    [Fact]
    public async Task A_flipped_byte_inside_a_document_fails_verify_and_restore_to_a_new_database_writes_nothing()
    {
        using var cli = new CliHarness();
        await SeedUsersAsync(cli);
        var backups = cli.PathOf("backups");
        Assert.Equal(0, (await CliHarness.RunAsync("backup", "create", "--uri", cli.StoreUri, "--db", "app", "--tag", "t1", "--out", backups)).Exit);
        var users = Path.Combine(backups, "t1", "app", "users.bson");
        var bytes = await File.ReadAllBytesAsync(users);
        var at = bytes.AsSpan().IndexOf("user 17"u8);
        bytes[at + 6] = (byte)'8'; // still valid BSON: only the checksum can tell
        await File.WriteAllBytesAsync(users, bytes);

        var (verifyExit, verifyOutput) = await CliHarness.RunAsync("backup", "verify", "--tag", "t1", "--out", backups);
        var (exit, output) = await CliHarness.RunAsync("backup", "restore", "--uri", cli.StoreUri, "--tag", "t1", "--to-db", "r", "--out", backups);

        Assert.Equal(1, verifyExit);
        Assert.Contains("app/users.bson: SHA-256 is ", verifyOutput, StringComparison.Ordinal);
        Assert.Equal(1, exit);
        var line = output.ReplaceLineEndings(string.Empty).Trim(); // one message, wrapped only by the test console's width
        Assert.StartsWith($"error: {Path.Combine(backups, "t1")}: the backup failed verification: app/users.bson: SHA-256 is ", line, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was written", line, StringComparison.Ordinal);
        Assert.Equal(["app"], await DatabasesAsync(cli));
    }

    [Fact]
    public async Task A_manifest_with_a_renamed_key_lists_as_failed_fails_verify_is_skipped_by_last_good_and_is_not_restored()
    {
        using var cli = new CliHarness();
        await SeedUsersAsync(cli);
        var backups = cli.PathOf("backups");
        Assert.Equal(0, (await CliHarness.RunAsync("backup", "create", "--uri", cli.StoreUri, "--db", "app", "--tag", "good", "--out", backups)).Exit);
        Assert.Equal(0, (await CliHarness.RunAsync("backup", "create", "--uri", cli.StoreUri, "--db", "app", "--tag", "broken", "--out", backups)).Exit);
        var manifest = Path.Combine(backups, "broken", "ferry-manifest.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("\"sha256\"", "\"sha265\"", StringComparison.Ordinal));

        var (listExit, listOutput) = await CliHarness.RunAsync("backup", "list", "--out", backups, "--json");
        var (verifyExit, verifyOutput) = await CliHarness.RunAsync("backup", "verify", "--tag", "broken", "--out", backups);
        var (lastGoodExit, lastGoodOutput) = await CliHarness.RunAsync("backup", "last-good", "--out", backups, "--json");
        var (restoreExit, restoreOutput) = await CliHarness.RunAsync("backup", "restore", "--uri", cli.StoreUri, "--tag", "broken", "--to-db", "r", "--out", backups);

        Assert.Equal(0, listExit);
        var listed = BsonDocument.Parse(listOutput)["backups"].AsBsonArray;
        Assert.Equal(["broken", "good"], listed.Select(b => b["tag"].AsString).Order(StringComparer.Ordinal));
        Assert.StartsWith($"{manifest}: field 'files[0].sha256' is missing", listed.Single(b => b["tag"] == "broken")["problem"].AsString, StringComparison.Ordinal);
        Assert.Equal(BsonNull.Value, listed.Single(b => b["tag"] == "good")["problem"]);
        Assert.Equal(1, verifyExit);
        Assert.Contains("ferry-manifest.json: field 'files[0].sha256' is missing", verifyOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Object reference", verifyOutput, StringComparison.Ordinal);
        Assert.Equal(0, lastGoodExit);
        Assert.Equal("good", BsonDocument.Parse(lastGoodOutput)["tag"].AsString);
        Assert.Equal(1, restoreExit);
        Assert.Contains("the backup failed verification: ferry-manifest.json: field 'files[0].sha256' is missing", restoreOutput.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
        Assert.Equal(["app"], await DatabasesAsync(cli));
    }

    private static async Task SeedUsersAsync(CliHarness cli)
    {
        var file = cli.PathOf("users.json");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 24).Select(i => $"{{\"_id\": {i}, \"name\": \"user {i}\"}}"));
        var (exit, output) = await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "app", "--collection", "users", "--file", file);
        Assert.True(exit == 0, output);
    }

    private static async Task<IReadOnlyList<string>> DatabasesAsync(CliHarness cli)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(cli.StoreUri);
        return (await store.ListDatabaseNamesAsync()).Order(StringComparer.Ordinal).ToList();
    }
}
