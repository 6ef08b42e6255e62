using System.Text;
using System.Text.Json.Nodes;
using Ferry.Core.Backup;
using Ferry.Core.Backup.Formats;
using Ferry.Core.Errors;

namespace Ferry.Core.Tests.Backup;

/// <summary>A damaged <c>ferry-manifest.json</c> is a failed backup, named: never a crash, never a pass, never restored.</summary>
public sealed class ManifestDamageTests
{
    [Fact]
    public async Task A_manifest_with_a_renamed_key_is_a_failed_backup_that_still_lists_is_skipped_by_last_good_and_is_not_restored()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await service.CreateAsync(store, new BackupOptions { Tag = "older", OutputRoot = temp.Path });
        var newer = await service.CreateAsync(store, new BackupOptions { Tag = "newer", OutputRoot = temp.Path });
        var manifestPath = Path.Combine(newer.Path, FerryManifest.FileName);
        var text = await File.ReadAllTextAsync(manifestPath);
        var at = text.IndexOf("\"path\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(manifestPath, text[..at] + "\"pat\"" + text[(at + 6)..]);

        var listed = await service.ListAsync(temp.Path);
        Assert.Equal(["newer", "older"], listed.Select(e => e.Tag));
        Assert.Equal($"{manifestPath}: field 'files[0].path' is missing (found unknown field 'files[0].pat') (and the manifest's own checksum does not match its content)", listed[0].Problem);
        Assert.Null(listed[1].Problem);

        var report = await service.VerifyAsync(temp.Path, "newer");
        Assert.False(report.Ok);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(FerryManifest.FileName, problem.File);
        Assert.StartsWith("field 'files[0].path' is missing", problem.Message, StringComparison.Ordinal);

        var good = await service.LastGoodAsync(temp.Path);
        Assert.Equal("older", good?.Entry.Tag);

        var target = new InMemoryStore();
        var error = await Assert.ThrowsAsync<OperationFailedException>(() => service.RestoreAsync(target, new RestoreOptions { Tag = "newer", BackupRoot = temp.Path }));
        Assert.Contains("ferry-manifest.json: field 'files[0].path' is missing", error.Message, StringComparison.Ordinal);
        Assert.Empty(await target.ListDatabaseNamesAsync());
    }

    [Fact]
    public async Task A_flip_in_the_created_date_that_leaves_valid_json_fails_verify_on_the_manifest_checksum()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(store, new BackupOptions { Tag = "t", OutputRoot = temp.Path, Databases = ["crm"] });
        var manifestPath = Path.Combine(backup.Path, FerryManifest.FileName);
        var text = await File.ReadAllTextAsync(manifestPath);
        Assert.Contains("\"created\": \"2026-11-25T01:0", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(manifestPath, text.Replace("\"created\": \"2026-", "\"created\": \"2024-", StringComparison.Ordinal));

        var report = await service.VerifyAsync(temp.Path, "t");

        var problem = Assert.Single(report.Problems);
        Assert.Equal(FerryManifest.FileName, problem.File);
        Assert.StartsWith("the manifest's own checksum does not match its content", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_written_before_manifest_checksums_still_verifies_with_a_warning()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(store, new BackupOptions { Tag = "t", OutputRoot = temp.Path, Databases = ["crm"] });
        var manifestPath = Path.Combine(backup.Path, FerryManifest.FileName);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!.AsObject();
        Assert.Equal(2, manifest["manifestVersion"]!.GetValue<int>());
        Assert.Matches("^[0-9a-f]{64}$", manifest["manifestSha256"]!.GetValue<string>());
        manifest.Remove("manifestSha256");
        manifest["manifestVersion"] = 1;
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        var report = await service.VerifyAsync(temp.Path, "t");

        Assert.True(report.Ok, string.Join("\n", report.Problems));
        Assert.Equal(["ferry-manifest.json: written before manifests carried their own checksum (manifestVersion 1); its own fields (dates, source, counts) are not protected"], report.Warnings);
    }

    /// <summary>
    /// Every bit flip of a small manifest (three bit positions per byte): verify returns a report (no exception) and
    /// passes only when the flipped manifest is still the same JSON content.
    /// </summary>
    [Fact]
    public async Task Flipping_bits_anywhere_in_a_manifest_never_crashes_verify_and_never_passes_changed_content()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(store, new BackupOptions { Tag = "t", OutputRoot = temp.Path, Databases = ["crm"] });
        var manifestPath = Path.Combine(backup.Path, FerryManifest.FileName);
        var original = await File.ReadAllBytesAsync(manifestPath);
        Assert.True((await service.VerifyAsync(temp.Path, "t")).Ok);

        var passedChanged = new List<string>();
        var flips = 0;
        for (var i = 0; i < original.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x20, 0x80 }) // low bit, ASCII case, UTF-8 validity
            {
                var flipped = (byte[])original.Clone();
                flipped[i] ^= mask;
                await File.WriteAllBytesAsync(manifestPath, flipped);
                var report = await service.VerifyAsync(temp.Path, "t");
                flips++;
                if (report.Ok && !SameJsonContent(original, flipped))
                {
                    passedChanged.Add($"byte {i} ^ 0x{mask:X2}");
                }
            }
        }

        Assert.True(flips > 1000, $"only {flips} flips");
        Assert.Empty(passedChanged);
    }

    private static bool SameJsonContent(byte[] a, byte[] b)
    {
        try
        {
            var strict = new UTF8Encoding(false, true);
            return JsonNode.DeepEquals(JsonNode.Parse(strict.GetString(a)), JsonNode.Parse(strict.GetString(b)));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or DecoderFallbackException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
