using Ferry.Core.Doctor;
using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Tests.Support;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Doctor;

/// <summary>
/// A repair killed part-way (its run still "running", some documents already copied to quarantine but not yet
/// deleted) and run again resumes that run: one run id, each document quarantined once, the same quarantine as an
/// uninterrupted repair — so <c>restore-quarantine --run</c> of that id undoes the whole repair.
/// </summary>
public class KilledRepairResumeTests
{
    private static RuleSet Rules => RuleSetParser.Load(SeededDemo.SampleFile("validation.yaml"));

    [Fact]
    public async Task Running_the_repair_again_resumes_the_killed_run_and_quarantines_each_document_once()
    {
        await using var straight = await SeededDemo.CreateAsync(size: 200);
        var uninterrupted = await new IntegrityDoctor(new DoctorOptions { Fix = true }).RunAsync(straight.Demo, Rules);
        var expected = await QuarantinedAsync(straight.Demo);

        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var db = demo.Demo;
        var found = await new IntegrityDoctor(new DoctorOptions()).RunAsync(db, Rules);
        var firstOrphan = found.Findings.First(f => f.Kind == "orphan");
        // The state a SIGKILL leaves after the first quarantine write: the run "running", one entry copied, nothing deleted.
        await new RunJournal(db).StartAsync("doctor-killed", "doctor", new BsonDocument("fix", true));
        var original = await db.GetCollection(firstOrphan.Collection).FindOneAsync(new BsonDocument("_id", firstOrphan.Id));
        await new QuarantineStore(db).PutAsync("doctor-killed", firstOrphan.Collection, [(original!, "orphan")]);

        var resumed = await new IntegrityDoctor(new DoctorOptions { Fix = true }).RunAsync(db, Rules);

        Assert.Equal("doctor-killed", resumed.RunId);
        Assert.Equal(RunStatus.Completed, (await new RunJournal(db).GetAsync("doctor-killed"))!["status"].AsString);
        var runIds = await db.GetCollection(QuarantineStore.CollectionName).DistinctAsync("run_id");
        Assert.Equal(["doctor-killed"], runIds.Select(v => v.AsString));
        var quarantined = await QuarantinedAsync(db);
        Assert.Equal(quarantined.Distinct().Count(), quarantined.Count); // none twice
        Assert.Equal(expected.Count, quarantined.Count);
        Assert.True(uninterrupted.Fixed);
    }

    /// <summary>The quarantine as (namespace, original _id) pairs, sorted: what was taken out, whatever the run.</summary>
    private static async Task<List<string>> QuarantinedAsync(Core.Storage.IDocumentDatabase db)
    {
        var entries = new List<string>();
        await foreach (var entry in db.GetCollection(QuarantineStore.CollectionName).FindAsync(null))
        {
            entries.Add(entry["ns"].AsString + " " + entry["document"]["_id"].ToJson());
        }

        entries.Sort(StringComparer.Ordinal);
        return entries;
    }
}
