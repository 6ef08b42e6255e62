using Ferry.Core.Assessment;
using Ferry.Core.Tests.Support;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Assessment;

public class AnalyzeDemoTests
{
    private static readonly AnalyzeOptions EveryDocument = new() { SampleSize = null, ReferenceSampleSize = 1_000_000 };

    [Fact]
    public async Task Every_field_of_the_demo_data_is_found_with_its_types_and_shares()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var analysis = await new DataAnalyzer(EveryDocument).AnalyzeAsync(demo.Demo);
        var p = demo.Planted;
        var docs = demo.Summary.Documents;

        string Describe(string collection) => string.Join(" ", analysis.Collections.Single(c => c.Name == collection).Fields
            .Select(f => $"{f.Path}:{string.Join("|", f.Types.Select(t => t.Type))}:{f.Documents}{(f.ArrayElementTypes.Count > 0 ? "[" + string.Join("|", f.ArrayElementTypes.Select(t => $"{t.Type}:{t.Documents}")) + "]" : "")}"));

        var users = docs["users"];
        Assert.Equal($"_id:objectId:{users} company:string:{users} created_at:date:{users} email:string:{users} is_demo:bool:{users} name:string:{users - p.UsersMissingName} password:string:{users} role:string:{users}", Describe("users"));

        var a = docs["assessments"];
        var full = a - p.EmptyBusinessRequirements;
        var regulations = analysis.Collections.Single(c => c.Name == "assessments").Fields.Single(f => f.Path == "compliance_requirements.regulations");
        Assert.Equal(
            $"_id:objectId:{a} business_requirements:object:{a} business_requirements.budget_usd:decimal:{full} business_requirements.company_size:string:{full} "
            + $"business_requirements.goals:array:{full}[string:{full}] business_requirements.industry:string:{full} business_requirements.timeline_months:int:{full} "
            + $"compliance_requirements:object:{a} compliance_requirements.audit_logging:bool:{a} compliance_requirements.data_residency:string:{a} "
            + $"compliance_requirements.regulations:array:{a}[string:{regulations.ArrayElementTypes.Single().Documents}] created_at:date:{a} description:string:{a} name:string:{a - p.AssessmentsMissingName} "
            + $"status:string:{a} technical_requirements:object:{a} technical_requirements.availability_target:double:{a} technical_requirements.current_infrastructure:string:{a} "
            + $"technical_requirements.expected_users:long:{a} technical_requirements.needs_gpu:bool:{a} technical_requirements.workload_types:array:{a}[string:{a}] user_id:objectId:{a}",
            Describe("assessments"));
        Assert.InRange(regulations.ArrayElementTypes.Single().Documents, 1, a - 1); // a quarter of the arrays are empty

        var r = docs["reports"];
        Assert.Equal($"_id:objectId:{r} assessment_id:objectId:{r} content:string:{r} created_at:date:{r} report_type:string:{r} status:string:{r} title:string:{r}", Describe("reports"));
        var w = docs["workflow_states"];
        Assert.Equal($"_id:objectId:{w} assessment_id:objectId:{w} progress:int:{w} state:string:{w} step:string:{w} step_number:int:{w} updated_at:date:{w}", Describe("workflow_states"));
        var m = docs["agent_metrics"];
        Assert.Equal($"_id:objectId:{m} agent_type:string:{m} assessment_id:objectId:{m} metrics:object:{m} metrics.api_calls:int:{m} metrics.cost_usd:double:{m} metrics.execution_time_ms:int:{m} metrics.success:bool:{m} metrics.tokens_used:long:{m} timestamp:date:{m}", Describe("agent_metrics"));

        var name = analysis.Collections.Single(c => c.Name == "users").Fields.Single(f => f.Path == "name");
        Assert.False(name.Always);
        Assert.Equal(1.0 - ((double)p.UsersMissingName / users), name.Share, 10);
        Assert.True(analysis.Collections.Single(c => c.Name == "users").Fields.Single(f => f.Path == "email").Always);
        Assert.All(analysis.Collections, c => Assert.Equal(c.Count, c.Sampled));
    }

    [Fact]
    public async Task The_four_references_are_found_with_their_match_ratios_and_give_the_dependency_order()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var analysis = await new DataAnalyzer(EveryDocument).AnalyzeAsync(demo.Demo);
        var p = demo.Planted;
        var docs = demo.Summary.Documents;

        Assert.Equal(
            [
                $"agent_metrics.assessment_id → assessments._id {docs["agent_metrics"]}/{docs["agent_metrics"]}",
                $"assessments.user_id → users._id {docs["assessments"] - p.OrphanedAssessments}/{docs["assessments"]}",
                $"reports.assessment_id → assessments._id {docs["reports"] - p.OrphanedReports}/{docs["reports"]}",
                $"workflow_states.assessment_id → assessments._id {docs["workflow_states"] - p.OrphanedWorkflowStates}/{docs["workflow_states"]}",
            ],
            analysis.References.Select(r => $"{r} {r.Matched}/{r.Checked}"));
        Assert.All([p.OrphanedAssessments, p.OrphanedReports, p.OrphanedWorkflowStates], orphans => Assert.True(orphans > 0));
        Assert.Equal(["users", "assessments", "agent_metrics", "configuration", "reports", "workflow_states"], analysis.DependencyOrder);
        Assert.Empty(analysis.Cycles);
    }

    [Fact]
    public async Task Secret_looking_fields_show_no_values_and_a_sample_reads_only_its_size()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var analysis = await new DataAnalyzer(new AnalyzeOptions { SampleSize = 50 }).AnalyzeAsync(demo.Demo);

        var users = analysis.Collections.Single(c => c.Name == "users");
        Assert.Equal(50, users.Sampled);
        Assert.Equal(200, users.Count);
        var password = users.Fields.Single(f => f.Path == "password");
        Assert.True(password.Secret);
        Assert.Equal([new BsonString(SecretFields.Redacted)], password.Examples);
        Assert.DoesNotMatch(@"demo-[a-z]+-\d{4}", analysis.ToBson().ToJson()); // the generator's passwords
        Assert.Contains(users.MigrationKinds, k => k.StartsWith("demo-to-prod:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_rules_draft_is_read_by_validate_and_holds_on_the_data_it_was_drawn_from()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var analysis = await new DataAnalyzer(EveryDocument).AnalyzeAsync(demo.Demo);

        var yaml = RulesDraft.ToYaml(analysis);
        var rules = RuleSetParser.Parse(yaml, "draft.yaml");
        var report = await new DataValidator(new ValidationOptions { Time = SeededDemo.Time }).ValidateAsync(demo.Demo, rules);

        Assert.True(report.Passed, string.Join("\n", report.Collections.SelectMany(c => c.Rules).Where(r => r.Failed > 0).Select(r => r.Id)));
        var ids = report.Collections.SelectMany(c => c.Rules).Select(r => r.Id).ToHashSet();
        Assert.Contains("users.email:required", ids);
        Assert.DoesNotContain("users.name:required", ids); // 1 % of users have no name
        Assert.Contains("assessments.status:enum", ids);
        Assert.Contains("agent_metrics.assessment_id -> assessments._id", ids); // the one reference without orphans
        Assert.DoesNotContain("assessments.user_id -> users._id", ids);
        Assert.Contains("#   assessments: - { field: user_id, to: users._id }", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_cycle_is_named_and_an_unknown_collection_is_bad_input()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 10);
        var db = demo.Store.GetDatabase("cycle");
        var a = new BsonDocument { { "_id", "a1" }, { "b_id", "b1" } };
        var b = new BsonDocument { { "_id", "b1" }, { "a_id", "a1" } };
        await db.GetCollection("a").BulkWriteAsync([new Storage.InsertRequest(a)]);
        await db.GetCollection("b").BulkWriteAsync([new Storage.InsertRequest(b)]);

        var analysis = await new DataAnalyzer().AnalyzeAsync(db);

        Assert.Equal([["a", "b", "a"]], analysis.Cycles.Select(c => c.ToArray()));
        Assert.Equal("high", analysis.Complexity.Level);
        var error = await Assert.ThrowsAsync<Errors.UserInputException>(() => new DataAnalyzer(new AnalyzeOptions { Collections = ["nope"] }).AnalyzeAsync(db));
        Assert.Equal("--collections nope: no collection 'nope' in database 'cycle'", error.Message);
    }
}
