using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Migrations;

public class AssemblyMigrationSourceTests
{
    [Fact]
    public void Marked_classes_are_discovered_with_their_version_and_description()
    {
        var migrations = new AssemblyMigrationSource(typeof(AssemblyMigrationSourceTests).Assembly).Load();
        var found = Assert.Single(migrations);
        Assert.Equal(("20250101120000", "Create the settings collection", typeof(CreateSettingsCollection).FullName), (found.Version.Text, found.Description, found.Source));
        Assert.Null(found.Checksum);
        Assert.True(found.HasDown);
    }

    [Fact]
    public async Task A_csharp_migration_runs_up_and_down_through_the_runner()
    {
        await using var kit = new MigrationTestKit();
        var runner = new MigrationRunner(new AssemblyMigrationSource(typeof(AssemblyMigrationSourceTests).Assembly), kit.Environment);
        Assert.True((await runner.UpAsync(kit.Db)).Succeeded);
        Assert.Equal(1, await kit.Db.GetCollection("settings").CountAsync());
        await runner.DownAsync(kit.Db, new DownOptions(MigrationVersion.Parse("20250101120000")));
        Assert.DoesNotContain(await kit.Db.ListCollectionsAsync(), c => c.Name == "settings");
    }
}

/// <summary>A C# migration found by <see cref="AssemblyMigrationSource"/>.</summary>
[Migration(20250101120000, "Create the settings collection")]
public sealed class CreateSettingsCollection : IMigration
{
    public async Task UpAsync(IDocumentDatabase database, CancellationToken cancellationToken = default)
    {
        await database.CreateCollectionAsync("settings", null, cancellationToken);
        await database.GetCollection("settings").BulkWriteAsync([new InsertRequest(new BsonDocument { { "_id", "theme" }, { "value", "dark" } })], cancellationToken: cancellationToken);
    }

    public Task DownAsync(IDocumentDatabase database, CancellationToken cancellationToken = default) =>
        database.DropCollectionAsync("settings", cancellationToken);
}

/// <summary>Implements the interface without the attribute: not a migration.</summary>
public sealed class UnmarkedMigration : IMigration
{
    public Task UpAsync(IDocumentDatabase database, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task DownAsync(IDocumentDatabase database, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
