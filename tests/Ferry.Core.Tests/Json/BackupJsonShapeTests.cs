using Ferry.Core.Backup;
using Ferry.Core.Backup.Formats;
using static Ferry.Core.Tests.Json.JsonShape;

namespace Ferry.Core.Tests.Json;

/// <summary>The <c>ferry backup … --json</c> contract: each result's own <c>ToBson()</c>.</summary>
public sealed class BackupJsonShapeTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly FerryManifest Manifest = new()
    {
        Tag = "before-v2",
        Source = "file:/data/app",
        Created = Created,
        FerryVersion = "1.0.0",
        Layout = FerryManifest.ArchiveLayout,
        Gzip = true,
        Databases = ["shop"],
        Files = [new ManifestFile("dump.archive.gz", 1234, "ab")],
        Namespaces = [new ManifestNamespace("shop", "orders", 7, 900), new ManifestNamespace("shop", "users", 3, 300)],
    };

    [Fact]
    public void Backup_create()
    {
        AssertShape(
            "{ 'tag' : 'before-v2', 'runId' : null, 'path' : '/b/before-v2', 'layout' : 'archive', 'gzip' : true, 'emergency' : false, 'source' : 'file:/data/app', "
            + "'databases' : ['shop'], 'collections' : 2, 'documents' : 10, 'bytes' : 1234, "
            + "'namespaces' : [{ 'ns' : 'shop.orders', 'documents' : 7, 'bytes' : 900 }, { 'ns' : 'shop.users', 'documents' : 3, 'bytes' : 300 }] }",
            new BackupResult("before-v2", "/b/before-v2", Manifest).ToBson());
    }

    [Fact]
    public void Backup_verify_with_problems_and_warnings()
    {
        var report = new VerificationReport("before-v2", Created, [new VerificationProblem("dump.archive.gz", 21, "bad CRC"), new VerificationProblem("extra.txt", null, "not in the manifest")], 2, 10, 1234)
        {
            Warnings = ["manifest without checksum"],
        };

        AssertShape(
            "{ 'tag' : 'before-v2', 'ok' : false, 'at' : { '$date' : '2026-01-02T03:04:05Z' }, 'files' : 2, 'documents' : 10, 'bytes' : 1234, "
            + "'problems' : [{ 'file' : 'dump.archive.gz', 'offset' : 21, 'message' : 'bad CRC' }, { 'file' : 'extra.txt', 'offset' : null, 'message' : 'not in the manifest' }], "
            + "'warnings' : ['manifest without checksum'] }",
            report.ToBson());
    }

    [Fact]
    public void Backup_list_shows_each_entry_with_its_last_verification_or_nulls()
    {
        var verified = new BackupEntry("before-v2", "/b/before-v2", Manifest with { Emergency = true }, new VerificationRecord(true, Created.AddHours(1), 0));
        var unreadable = new BackupEntry("broken", "/b/broken", Manifest with { Namespaces = [], Files = [], Databases = [] }, null) { Problem = "manifest: not JSON" };

        AssertShape(
            "{ 'backups' : [{ 'tag' : 'before-v2', 'created' : { '$date' : '2026-01-02T03:04:05Z' }, 'source' : 'file:/data/app', 'emergency' : true, 'layout' : 'archive', "
            + "'databases' : ['shop'], 'collections' : 2, 'documents' : 10, 'bytes' : 1234, 'verified' : true, 'verifiedAt' : { '$date' : '2026-01-02T04:04:05Z' }, "
            + "'path' : '/b/before-v2', 'problem' : null }, "
            + "{ 'tag' : 'broken', 'created' : { '$date' : '2026-01-02T03:04:05Z' }, 'source' : 'file:/data/app', 'emergency' : false, 'layout' : 'archive', "
            + "'databases' : [], 'collections' : 0, 'documents' : 0, 'bytes' : 0, 'verified' : null, 'verifiedAt' : null, 'path' : '/b/broken', 'problem' : 'manifest: not JSON' }] }",
            BackupEntry.ListToBson([verified, unreadable]));
    }

    [Fact]
    public void Backup_last_good_leads_with_found()
    {
        var good = new BackupEntry("before-v2", "/b/before-v2", Manifest, new VerificationRecord(true, Created, 0));

        AssertShape("{ 'found' : false }", BackupEntry.LastGoodToBson(null));
        AssertShape(
            "{ 'found' : true, 'tag' : 'before-v2', 'created' : { '$date' : '2026-01-02T03:04:05Z' }, 'source' : 'file:/data/app', 'emergency' : false, 'layout' : 'archive', "
            + "'databases' : ['shop'], 'collections' : 2, 'documents' : 10, 'bytes' : 1234, 'verified' : true, 'verifiedAt' : { '$date' : '2026-01-02T03:04:05Z' }, "
            + "'path' : '/b/before-v2', 'problem' : null }",
            BackupEntry.LastGoodToBson(good));
    }

    [Fact]
    public void Backup_restore_per_namespace()
    {
        var result = new RestoreResult("/b/before-v2", "file:/data/copy", false,
            [
                new RestoredNamespace("shop.orders", "copy.orders") { Action = "drop+create", Documents = 7, Expected = 7, TargetCount = 7, IndexesCreated = 2 },
                new RestoredNamespace("shop.users", "copy.users") { Documents = 2, FailedWrites = 1, Problems = ["expected 3 documents, found 2"] },
            ],
            ["oplog.bson skipped"]);

        AssertShape(
            "{ 'ok' : false, 'dryRun' : false, 'source' : '/b/before-v2', 'target' : 'file:/data/copy', 'documents' : 9, 'namespaces' : ["
            + "{ 'source' : 'shop.orders', 'target' : 'copy.orders', 'action' : 'drop+create', 'documents' : 7, 'expected' : 7, 'targetCount' : 7, 'indexes' : 2, 'failedWrites' : 0, 'problems' : [] }, "
            + "{ 'source' : 'shop.users', 'target' : 'copy.users', 'action' : 'create', 'documents' : 2, 'expected' : null, 'targetCount' : null, 'indexes' : 0, 'failedWrites' : 1, 'problems' : ['expected 3 documents, found 2'] }], "
            + "'warnings' : ['oplog.bson skipped'], 'runId' : null }",
            result.ToBson());
    }

    [Fact]
    public void Backup_restore_stopped_half_way_is_a_failed_result_with_its_own_shape()
    {
        var result = new RestoreResult("/b/before-v2", "file:/data/copy", false, [new RestoredNamespace("crm.leads", "crm.leads")], [])
        {
            Failure = new RestoreFailure("shop.orders", ["crm.leads"], "disk full"),
        };

        Assert.False(result.Ok);
        AssertShape(
            "{ 'ok' : false, 'error' : 'restore failed in shop.orders: disk full; restored completely: crm.leads; rerun with --resume to continue after the last committed batch', "
            + "'failed' : 'shop.orders', 'restored' : ['crm.leads'], 'runId' : null }",
            result.ToBson());
    }
}
