using Ferry.Core.Doctor;
using Ferry.Core.Quarantine;
using Ferry.Core.Tests.Support;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Doctor;

public class IntegrityDoctorTests
{
    private static readonly string[] Collections = ["users", "assessments", "reports", "workflow_states"];

    private static RuleSet Rules => RuleSetParser.Load(SeededDemo.SampleFile("validation.yaml"));

    [Fact]
    public async Task Without_fix_it_lists_exactly_the_planted_duplicates_and_orphans_and_writes_nothing()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 300);
        var before = await CountsAsync(demo);

        var report = await new IntegrityDoctor(new DoctorOptions()).RunAsync(demo.Demo, Rules);

        Assert.Equal(demo.Planted.DuplicateEmailExtraDocuments, report.Count("duplicate"));
        Assert.Equal(demo.Planted.OrphanedAssessments + demo.Planted.OrphanedReports + demo.Planted.OrphanedWorkflowStates, report.Count("orphan"));
        Assert.Equal(0, report.Count("orphan_cascade"));
        Assert.All(report.Findings, f => Assert.Equal("none", f.Action));
        Assert.Equal(before, await CountsAsync(demo));
    }

    [Fact]
    public async Task Fix_merges_duplicates_quarantines_orphans_with_their_children_and_restore_puts_them_back()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 300);
        var db = demo.Demo;
        var before = await CountsAsync(demo);
        var orphanedAssessmentIds = await OrphanedAssessmentIdsAsync(db);
        var childrenOfOrphans = await db.GetCollection("reports").CountAsync(InIds("assessment_id", orphanedAssessmentIds))
            + await db.GetCollection("workflow_states").CountAsync(InIds("assessment_id", orphanedAssessmentIds));
        var duplicateIds = (await new IntegrityDoctor(new DoctorOptions()).RunAsync(db, Rules)).Findings.Where(f => f.Kind == "duplicate").Select(f => f.Id).ToList();
        var assessmentsOfDuplicates = await db.GetCollection("assessments").CountAsync(InIds("user_id", duplicateIds));

        var dryRun = await new IntegrityDoctor(new DoctorOptions { Fix = true, DryRun = true }).RunAsync(db, Rules);
        Assert.Equal(before, await CountsAsync(demo));
        Assert.Equal(childrenOfOrphans, dryRun.Count("orphan_cascade"));

        var report = await new IntegrityDoctor(new DoctorOptions { Fix = true, RunId = "doctor-test" }).RunAsync(db, Rules);

        Assert.Equal(demo.Planted.DuplicateEmailExtraDocuments, report.Count("duplicate"));
        Assert.Equal(assessmentsOfDuplicates, report.Count("repointed"));
        Assert.Equal(childrenOfOrphans, report.Count("orphan_cascade"));
        var removed = report.Count("duplicate") + report.Count("orphan") + report.Count("orphan_cascade");
        Assert.Equal(removed, await db.GetCollection(QuarantineStore.CollectionName).CountAsync());
        Assert.Equal(before.Values.Sum() - removed, (await CountsAsync(demo)).Values.Sum());

        var after = await new DataValidator(new ValidationOptions { Time = SeededDemo.Time }).ValidateAsync(db, Rules);
        var integrity = after.Collections.SelectMany(c => c.Rules).Where(r => r.Kind is "reference" or "unique");
        Assert.All(integrity, r => Assert.Equal(0, r.Failed));

        var restored = await new QuarantineStore(db).RestoreAsync("doctor-test");
        Assert.Equal(removed, restored.Restored);
        Assert.Empty(restored.Conflicts);
        Assert.Equal(before, await CountsAsync(demo));
    }

    [Fact]
    public async Task Documents_deleted_by_someone_else_between_being_found_and_removed_are_skipped_not_sent_as_an_empty_bulk_write()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 300);
        var found = await new IntegrityDoctor(new DoctorOptions()).RunAsync(demo.Demo, Rules);
        var db = VanishingDatabase.Over(demo.Demo);

        var report = await new IntegrityDoctor(new DoctorOptions { Fix = true, RunId = "doctor-vanished" }).RunAsync(db, Rules);

        Assert.True(report.Fixed);
        Assert.Equal(found.Count("duplicate"), report.Count("duplicate"));
        Assert.Equal(found.Count("orphan"), report.Count("orphan"));
        Assert.Equal(0, await demo.Demo.GetCollection(QuarantineStore.CollectionName).CountAsync()); // nothing was left to copy
    }

    /// <summary>A database whose documents disappear (the application deleted them) just before the doctor fetches
    /// them by <c>_id</c> to quarantine them: what a concurrent writer does between the doctor's find and its removal.</summary>
    public class VanishingDatabase : System.Reflection.DispatchProxy
    {
        private object _target = null!;

        public static Core.Storage.IDocumentDatabase Over(Core.Storage.IDocumentDatabase db) => Wrap(db);

        private static T Wrap<T>(T target)
            where T : class
        {
            var proxy = Create<T, VanishingDatabase>();
            ((VanishingDatabase)(object)proxy)._target = target;
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            if (_target is Core.Storage.IDocumentDatabase db && targetMethod!.Name == nameof(Core.Storage.IDocumentDatabase.GetCollection))
            {
                return Wrap(db.GetCollection((string)args![0]!));
            }

            if (_target is Core.Storage.IDocumentCollection collection && targetMethod!.Name == nameof(Core.Storage.IDocumentCollection.FindAsync)
                && args![0] is BsonDocument filter && filter.GetValue("_id", BsonNull.Value) is BsonDocument query && query.Contains("$in"))
            {
                collection.BulkWriteAsync(query["$in"].AsBsonArray.Select(id => (Core.Storage.WriteRequest)new Core.Storage.DeleteRequest(new BsonDocument("_id", id))).ToList()).GetAwaiter().GetResult();
            }

            return targetMethod!.Invoke(_target, args);
        }
    }

    private static BsonDocument InIds(string field, IEnumerable<BsonValue> ids) => new(field, new BsonDocument("$in", new BsonArray(ids)));

    private static async Task<List<BsonValue>> OrphanedAssessmentIdsAsync(Core.Storage.IDocumentDatabase db)
    {
        var users = new HashSet<BsonValue>();
        await foreach (var u in db.GetCollection("users").FindAsync(new BsonDocument()))
        {
            users.Add(u["_id"]);
        }

        var orphans = new List<BsonValue>();
        await foreach (var a in db.GetCollection("assessments").FindAsync(new BsonDocument()))
        {
            if (!users.Contains(a["user_id"]))
            {
                orphans.Add(a["_id"]);
            }
        }

        return orphans;
    }

    private static async Task<Dictionary<string, long>> CountsAsync(SeededDemo demo)
    {
        var counts = new Dictionary<string, long>();
        foreach (var c in Collections)
        {
            counts[c] = await demo.Demo.GetCollection(c).CountAsync();
        }

        return counts;
    }
}
