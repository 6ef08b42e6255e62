using Ferry.Core.Backup;
using Ferry.Core.Tests.Support;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Transform;

public class DemoDataRemoverTests
{
    [Fact]
    public async Task Identify_finds_exactly_the_planted_demo_users_and_the_demo_configuration()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 300);
        var rules = TransformRulesParser.Load(SeededDemo.SampleFile("demo-to-prod.yaml"));

        var found = await new DemoDataRemover().IdentifyAsync(demo.Demo, rules.DemoMarkers);

        Assert.Equal(demo.Planted.DemoUsers, found.Single(f => f.Collection == "users").Count);
        Assert.Equal(1, found.Single(f => f.Collection == "configuration").Count);
    }

    [Fact]
    public async Task Remove_takes_a_verified_backup_first_and_the_backup_brings_everything_back()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var rules = TransformRulesParser.Load(SeededDemo.SampleFile("demo-to-prod.yaml"));
        var users = demo.Demo.GetCollection("users");
        var before = await users.CountAsync();
        var backupRoot = Path.Combine(demo.Folder, "backups");

        var removal = await new DemoDataRemover().RemoveAsync(demo.Store, "inframind_demo", rules.DemoMarkers, backupRoot);

        Assert.Equal(before - demo.Planted.DemoUsers, await users.CountAsync());
        Assert.Equal(0, await users.CountAsync(rules.DemoMarkers["users"]));
        Assert.True((await new BackupService().VerifyAsync(backupRoot, removal.BackupTag)).Ok);

        await new BackupService().RestoreAsync(demo.Store, new RestoreOptions { Tag = removal.BackupTag, BackupRoot = backupRoot, ToDatabase = "restored" });
        Assert.Equal(before, await demo.Store.GetDatabase("restored").GetCollection("users").CountAsync());
        Assert.Equal(demo.Planted.DemoUsers, await demo.Store.GetDatabase("restored").GetCollection("users").CountAsync(rules.DemoMarkers["users"]));
    }
}
