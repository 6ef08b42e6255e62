using Ferry.Demo.Generation;
using MongoDB.Bson;

namespace Ferry.Demo.Tests;

/// <summary>
/// Recounts the planted defects from the generated documents themselves, the way a validation tool would, without
/// asking the generator: the test compares this with <see cref="InfraMindGenerator.Summarize"/>.
/// </summary>
internal sealed class IndependentDefectCount
{
    private static readonly HashSet<string> ValidStatuses = ["draft", "processing", "completed", "archived"];

    public Dictionary<string, long> Documents { get; } = [];

    public PlantedDefects Defects { get; private set; } = new();

    /// <summary>Users or assessments that carry more than one defect (the plan promises none).</summary>
    public long OverlappingDefects { get; private set; }

    public static IndependentDefectCount Of(InfraMindGenerator generator)
    {
        var count = new IndependentDefectCount();
        var clock = generator.GeneratedAt;
        var emails = new Dictionary<string, int>(StringComparer.Ordinal);
        var userIds = new HashSet<ObjectId>();
        long upper = 0, usersMissingName = 0, usersFuture = 0, exampleDomain = 0, demoFlag = 0, demoUsers = 0, overlaps = 0;
        foreach (var user in Stream(count, InfraMindCollections.Users, generator.Users()))
        {
            userIds.Add(user["_id"].AsObjectId);
            var email = user["email"].AsString;
            emails[email] = emails.GetValueOrDefault(email) + 1;
            var isUpper = !string.Equals(email, email.ToLowerInvariant(), StringComparison.Ordinal);
            var missingName = !user.Contains("name");
            var future = user["created_at"].ToUniversalTime() > clock;
            upper += isUpper ? 1 : 0;
            usersMissingName += missingName ? 1 : 0;
            usersFuture += future ? 1 : 0;
            overlaps += (isUpper ? 1 : 0) + (missingName ? 1 : 0) + (future ? 1 : 0) > 1 ? 1 : 0;
            var example = email.EndsWith("@example.com", StringComparison.OrdinalIgnoreCase);
            var flagged = user["is_demo"].AsBoolean;
            exampleDomain += example ? 1 : 0;
            demoFlag += flagged ? 1 : 0;
            demoUsers += example || flagged ? 1 : 0;
        }

        var assessmentIds = new HashSet<ObjectId>();
        long orphanedAssessments = 0, assessmentsMissingName = 0, emptyBusiness = 0, invalidStatus = 0, assessmentsFuture = 0;
        foreach (var assessment in Stream(count, InfraMindCollections.Assessments, generator.Assessments()))
        {
            assessmentIds.Add(assessment["_id"].AsObjectId);
            bool[] defects =
            [
                !userIds.Contains(assessment["user_id"].AsObjectId),
                !assessment.Contains("name"),
                assessment["business_requirements"].AsBsonDocument.ElementCount == 0,
                !ValidStatuses.Contains(assessment["status"].AsString),
                assessment["created_at"].ToUniversalTime() > clock,
            ];
            orphanedAssessments += defects[0] ? 1 : 0;
            assessmentsMissingName += defects[1] ? 1 : 0;
            emptyBusiness += defects[2] ? 1 : 0;
            invalidStatus += defects[3] ? 1 : 0;
            assessmentsFuture += defects[4] ? 1 : 0;
            overlaps += defects.Count(d => d) > 1 ? 1 : 0;
        }

        var orphanedReports = Stream(count, InfraMindCollections.Reports, generator.Reports())
            .LongCount(r => !assessmentIds.Contains(r["assessment_id"].AsObjectId));
        var orphanedStates = Stream(count, InfraMindCollections.WorkflowStates, generator.WorkflowStates())
            .LongCount(w => !assessmentIds.Contains(w["assessment_id"].AsObjectId));
        _ = Stream(count, InfraMindCollections.AgentMetrics, generator.AgentMetrics()).LongCount(m => !assessmentIds.Contains(m["assessment_id"].AsObjectId) ? throw new InvalidOperationException("agent metric orphaned") : true);
        _ = Stream(count, InfraMindCollections.Configuration, generator.Configuration()).LongCount();

        var groups = emails.Values.Where(n => n > 1).ToList();
        count.OverlappingDefects = overlaps;
        count.Defects = new PlantedDefects
        {
            UpperCaseEmails = upper,
            DuplicateEmailGroups = groups.Count,
            DuplicateEmailExtraDocuments = groups.Sum(n => n - 1),
            UsersMissingName = usersMissingName,
            AssessmentsMissingName = assessmentsMissingName,
            EmptyBusinessRequirements = emptyBusiness,
            InvalidStatuses = invalidStatus,
            UsersCreatedInFuture = usersFuture,
            AssessmentsCreatedInFuture = assessmentsFuture,
            OrphanedAssessments = orphanedAssessments,
            OrphanedReports = orphanedReports,
            OrphanedWorkflowStates = orphanedStates,
            ExampleDomainUsers = exampleDomain,
            DemoFlaggedUsers = demoFlag,
            DemoUsers = demoUsers,
        };
        return count;
    }

    private static IEnumerable<BsonDocument> Stream(IndependentDefectCount count, string collection, IEnumerable<BsonDocument> documents)
    {
        count.Documents[collection] = 0;
        foreach (var document in documents)
        {
            count.Documents[collection]++;
            yield return document;
        }
    }
}
