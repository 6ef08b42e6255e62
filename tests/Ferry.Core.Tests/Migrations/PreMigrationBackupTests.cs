using Ferry.Core.Backup;
using Ferry.Core.Migrations;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Migrations;

public sealed class PreMigrationBackupTests : IDisposable
{
    private readonly string _backups = Path.Combine(Path.GetTempPath(), "ferry-premigration-backups", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_backups))
        {
            Directory.Delete(_backups, recursive: true);
        }
    }

    [Fact]
    public async Task Up_backs_up_a_database_with_data_first_and_records_the_tag()
    {
        await using var kit = new MigrationTestKit();
        await kit.Db.GetCollection("users").BulkWriteAsync([new Ferry.Core.Storage.InsertRequest(new BsonDocument("_id", 1))]);
        var runner = new MigrationRunner(new SingleSource(kit.Marking("1")), kit.Environment, new StoreBackupBeforeMigration(new BackupService(), _backups));
        var result = await runner.UpAsync(kit.Db);
        Assert.NotNull(result.BackupTag);
        Assert.StartsWith("pre-migration-app-", result.BackupTag);
        var entry = Assert.Single(await new MigrationChangelog(kit.Db).ReadAsync());
        Assert.Equal(result.BackupTag, entry.BackupTag);
        var listed = Assert.Single(await new BackupService().ListAsync(_backups));
        Assert.Equal(result.BackupTag, listed.Tag);
    }

    [Fact]
    public async Task An_empty_database_is_not_backed_up_and_no_backup_skips_it()
    {
        await using var kit = new MigrationTestKit();
        var runner = new MigrationRunner(new SingleSource(kit.Marking("1")), kit.Environment, new StoreBackupBeforeMigration(new BackupService(), _backups));
        Assert.Null((await runner.UpAsync(kit.Db)).BackupTag);
        var next = new MigrationRunner(new SingleSource(kit.Marking("2")), kit.Environment, new StoreBackupBeforeMigration(new BackupService(), _backups));
        Assert.Null((await next.UpAsync(kit.Db, new UpOptions { NoBackup = true })).BackupTag);
        Assert.False(Directory.Exists(_backups) && Directory.EnumerateDirectories(_backups).Any());
    }

    [Fact]
    public async Task Down_takes_the_same_verified_backup_before_rolling_back()
    {
        await using var kit = new MigrationTestKit();
        await kit.Db.GetCollection("users").BulkWriteAsync([new Ferry.Core.Storage.InsertRequest(new BsonDocument("_id", 1))]);
        var runner = new MigrationRunner(new SingleSource(kit.Marking("1")), kit.Environment, new StoreBackupBeforeMigration(new BackupService(), _backups));
        await runner.UpAsync(kit.Db, new UpOptions { NoBackup = true });

        var result = await runner.DownAsync(kit.Db, new DownOptions(MigrationVersion.Parse("1")));

        Assert.StartsWith("pre-migration-app-", result.BackupTag);
        Assert.True((await new BackupService().VerifyAsync(_backups, result.BackupTag!)).Ok);
        Assert.Null((await runner.UpAsync(kit.Db, new UpOptions { NoBackup = true })).BackupTag);
        Assert.Null((await runner.DownAsync(kit.Db, new DownOptions(MigrationVersion.Parse("1")) { NoBackup = true })).BackupTag);
        Assert.Single(await new BackupService().ListAsync(_backups));
    }

    private sealed class SingleSource(Migration migration) : IMigrationSource
    {
        public IReadOnlyList<Migration> Load() => [migration];
    }
}
