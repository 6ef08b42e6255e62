using Ferry.Core.Tests.Support;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;

namespace Ferry.Core.Tests.Validation;

public class DemoValidationTests
{
    [Fact]
    public async Task The_guides_checks_find_exactly_the_planted_defects()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 400);
        var rules = RuleSetParser.Load(SeededDemo.SampleFile("validation.yaml"));

        var report = await new DataValidator(new ValidationOptions { Time = SeededDemo.Time }).ValidateAsync(demo.Demo, rules);

        var failed = report.Collections.SelectMany(c => c.Rules).Where(r => r.Failed > 0).ToDictionary(r => r.Id, r => r.Failed);
        var p = demo.Planted;
        Assert.Equal(new Dictionary<string, long>
        {
            ["users.email:lowercase"] = p.UpperCaseEmails,
            ["users:unique(email)"] = p.DuplicateEmailExtraDocuments,
            ["users.name:not_blank"] = p.UsersMissingName,
            ["users.created_at:not_in_future"] = p.UsersCreatedInFuture,
            ["assessments.name:not_blank"] = p.AssessmentsMissingName,
            ["assessments.status:enum"] = p.InvalidStatuses,
            ["assessments.created_at:not_in_future"] = p.AssessmentsCreatedInFuture,
            ["assessments.business_requirements:complete"] = p.EmptyBusinessRequirements,
            ["assessments.user_id -> users._id"] = p.OrphanedAssessments,
            ["reports.assessment_id -> assessments._id"] = p.OrphanedReports,
            ["workflow_states.assessment_id -> assessments._id"] = p.OrphanedWorkflowStates,
        }, failed);
        Assert.All(failed.Values, v => Assert.True(v > 0, "the demo plants every defect at this size"));
        Assert.False(report.Passed);
        Assert.Equal(demo.Summary.Documents["users"] + demo.Summary.Documents["assessments"] + demo.Summary.Documents["reports"] + demo.Summary.Documents["workflow_states"], report.Checked);
        // One defect per document: invalid documents are exactly the sum of the planted defects in those collections.
        Assert.Equal(failed.Values.Sum(), report.Invalid);
    }

    [Fact]
    public async Task Samples_are_bounded_and_name_the_offending_documents()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 300);
        var rules = RuleSetParser.Load(SeededDemo.SampleFile("validation.yaml"));

        var report = await new DataValidator(new ValidationOptions { Time = SeededDemo.Time, SampleSize = 2 }).ValidateAsync(demo.Demo, rules);

        var orphans = report.Collections.Single(c => c.Name == "reports").Rules.Single();
        Assert.Equal(2, orphans.Samples.Count);
        foreach (var sample in orphans.Samples)
        {
            var report_ = await demo.Demo.GetCollection("reports").FindOneAsync(new MongoDB.Bson.BsonDocument("_id", sample.Id));
            Assert.NotNull(report_);
            Assert.Null(await demo.Demo.GetCollection("assessments").FindOneAsync(new MongoDB.Bson.BsonDocument("_id", report_!["assessment_id"])));
            Assert.Equal(report_["assessment_id"], sample.Value);
        }
    }

    [Fact]
    public async Task A_rules_file_naming_a_missing_collection_is_bad_input()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 100);
        var rules = RuleSetParser.Parse("collections:\n  userz:\n    complete: [name]\n", "r.yaml");
        var error = await Assert.ThrowsAsync<Errors.UserInputException>(() => new DataValidator().ValidateAsync(demo.Demo, rules));
        Assert.Equal("r.yaml:2:3: collection 'userz' does not exist in database 'inframind_demo'", error.Message);
    }
}
