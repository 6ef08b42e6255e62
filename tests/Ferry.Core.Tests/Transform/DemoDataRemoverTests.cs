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

    [Fact]
    public async Task Remove_cascades_to_every_document_referencing_demo_data_and_leaves_no_new_orphans()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 300);
        var rules = TransformRulesParser.Load(SeededDemo.SampleFile("demo-to-prod.yaml"));
        var cascade = DemoCascade.From(rules);
        var remover = new DemoDataRemover();
        var counted = await remover.CountCascadeAsync(demo.Demo, rules.DemoMarkers, cascade);
        var assessmentsOfDemoUsers = await CountReferencingAsync(demo.Demo, "assessments", "user_id", "users", rules.DemoMarkers["users"]);

        var removal = await remover.RemoveAsync(demo.Store, "inframind_demo", rules.DemoMarkers, cascade, Path.Combine(demo.Folder, "backups"));

        Assert.True(assessmentsOfDemoUsers > 0);
        Assert.Equal(assessmentsOfDemoUsers, removal.Cascaded["assessments"]);
        Assert.Equal(counted, removal.Cascaded);
        Assert.Equal(demo.Planted.OrphanedAssessments, await OrphansAsync(demo.Demo, "assessments", "user_id", "users"));
        Assert.Equal(demo.Planted.OrphanedReports, await OrphansAsync(demo.Demo, "reports", "assessment_id", "assessments"));
        Assert.Equal(demo.Planted.OrphanedWorkflowStates, await OrphansAsync(demo.Demo, "workflow_states", "assessment_id", "assessments"));
        Assert.Equal(0, await OrphansAsync(demo.Demo, "agent_metrics", "assessment_id", "assessments") - await OrphansBeforeAsync(demo, removal));
    }

    [Fact]
    public void The_cascade_follows_the_rules_map_id_fields_from_child_to_parent_source_collections()
    {
        var rules = TransformRulesParser.Load(SeededDemo.SampleFile("demo-to-prod.yaml"));

        var cascade = DemoCascade.From(rules);

        Assert.Equal(
            [new DemoReference("assessments", "user_id", "users"), new DemoReference("reports", "assessment_id", "assessments"), new DemoReference("workflow_states", "assessment_id", "assessments"), new DemoReference("agent_metrics", "assessment_id", "assessments")],
            cascade.References);
        Assert.Equal(["users", "assessments", "reports", "workflow_states", "agent_metrics"], cascade.Reach(["users"]));
    }

    private static async Task<long> CountReferencingAsync(Ferry.Core.Storage.IDocumentDatabase db, string child, string field, string parent, BsonDocument parentFilter)
    {
        var ids = new BsonArray();
        await foreach (var p in db.GetCollection(parent).FindAsync(parentFilter, new Ferry.Core.Storage.FindOptions { Projection = new BsonDocument("_id", 1) }))
        {
            ids.Add(p["_id"]);
        }

        return await db.GetCollection(child).CountAsync(new BsonDocument(field, new BsonDocument("$in", ids)));
    }

    /// <summary>Documents of <paramref name="child"/> whose <paramref name="field"/> names no <paramref name="parent"/> document.</summary>
    private static async Task<long> OrphansAsync(Ferry.Core.Storage.IDocumentDatabase db, string child, string field, string parent)
    {
        long orphans = 0;
        await foreach (var doc in db.GetCollection(child).FindAsync(null))
        {
            if (!doc.Contains(field) || await db.GetCollection(parent).CountAsync(new BsonDocument("_id", doc[field])) == 0)
            {
                orphans++;
            }
        }

        return orphans;
    }

    /// <summary>agent_metrics orphans the generator planted (none are counted in PlantedDefects): read from the backup's restore.</summary>
    private static async Task<long> OrphansBeforeAsync(SeededDemo demo, DemoDataRemoval removal)
    {
        await new BackupService().RestoreAsync(demo.Store, new RestoreOptions { Tag = removal.BackupTag, BackupRoot = Path.Combine(demo.Folder, "backups"), ToDatabase = "before" });
        return await OrphansAsync(demo.Store.GetDatabase("before"), "agent_metrics", "assessment_id", "assessments");
    }
}
