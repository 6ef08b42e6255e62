using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>
/// The exact number of each defect the generator planted, so validation features can be tested against known
/// answers. Every generated entity carries at most one defect; demo markers are independent of defects (no
/// defective user carries one). "The clock" is <see cref="GenerationSummary.GeneratedAt"/>.
/// </summary>
public sealed record PlantedDefects
{
    /// <summary>Users whose <c>email</c> differs from its lower-case form (the whole address is upper case; it is
    /// not an example.com address, and lower-cased it collides with no other user).</summary>
    public long UpperCaseEmails { get; init; }

    /// <summary>Distinct <c>email</c> values held by more than one user (2 or 3 users each). The groups are the same
    /// whether e-mails are compared exactly or case-insensitively: every other e-mail is unique even lower-cased.</summary>
    public long DuplicateEmailGroups { get; init; }

    /// <summary>Users beyond the first in each duplicate group (Σ (group size − 1)): what a unique index on
    /// <c>email</c> would reject.</summary>
    public long DuplicateEmailExtraDocuments { get; init; }

    /// <summary>Users with no <c>name</c> field at all (no user has an empty or null name).</summary>
    public long UsersMissingName { get; init; }

    /// <summary>Assessments with no <c>name</c> field at all (no assessment has an empty or null name).</summary>
    public long AssessmentsMissingName { get; init; }

    /// <summary>Assessments whose <c>business_requirements</c> is the empty document <c>{}</c> (every assessment has one).</summary>
    public long EmptyBusinessRequirements { get; init; }

    /// <summary>Assessments whose <c>status</c> (always a string) is not one of draft, processing, completed, archived.</summary>
    public long InvalidStatuses { get; init; }

    /// <summary>Users whose <c>created_at</c> is after the clock (by one day to a year; every other date is before it).</summary>
    public long UsersCreatedInFuture { get; init; }

    /// <summary>Assessments whose <c>created_at</c> is after the clock (by one day to a year).</summary>
    public long AssessmentsCreatedInFuture { get; init; }

    /// <summary>Assessments whose <c>user_id</c> (always an ObjectId) matches no user's <c>_id</c>. Their reports and
    /// workflow states still point at them, so those are not orphans.</summary>
    public long OrphanedAssessments { get; init; }

    /// <summary>Reports whose <c>assessment_id</c> (always an ObjectId) matches no assessment's <c>_id</c>.</summary>
    public long OrphanedReports { get; init; }

    /// <summary>Workflow states whose <c>assessment_id</c> (always an ObjectId) matches no assessment's <c>_id</c>.</summary>
    public long OrphanedWorkflowStates { get; init; }

    /// <summary>Users whose e-mail ends with <c>@example.com</c> (all lower case).</summary>
    public long ExampleDomainUsers { get; init; }

    /// <summary>Users with <c>is_demo: true</c> (every user has a boolean <c>is_demo</c>).</summary>
    public long DemoFlaggedUsers { get; init; }

    /// <summary>Users with either demo marker (example.com address or <c>is_demo: true</c>).</summary>
    public long DemoUsers { get; init; }

    /// <summary>All users and assessments dated after the clock.</summary>
    public long CreatedInFuture => UsersCreatedInFuture + AssessmentsCreatedInFuture;

    /// <summary>The counts as a document with snake_case names (as in planted.json and <c>ferry demo --json</c>).</summary>
    public BsonDocument ToBsonDocument() => new()
    {
        { "upper_case_emails", UpperCaseEmails },
        { "duplicate_email_groups", DuplicateEmailGroups },
        { "duplicate_email_extra_documents", DuplicateEmailExtraDocuments },
        { "users_missing_name", UsersMissingName },
        { "assessments_missing_name", AssessmentsMissingName },
        { "empty_business_requirements", EmptyBusinessRequirements },
        { "invalid_statuses", InvalidStatuses },
        { "users_created_in_future", UsersCreatedInFuture },
        { "assessments_created_in_future", AssessmentsCreatedInFuture },
        { "orphaned_assessments", OrphanedAssessments },
        { "orphaned_reports", OrphanedReports },
        { "orphaned_workflow_states", OrphanedWorkflowStates },
        { "example_domain_users", ExampleDomainUsers },
        { "demo_flagged_users", DemoFlaggedUsers },
        { "demo_users", DemoUsers },
    };

    public static PlantedDefects FromBsonDocument(BsonDocument document) => new()
    {
        UpperCaseEmails = document["upper_case_emails"].ToInt64(),
        DuplicateEmailGroups = document["duplicate_email_groups"].ToInt64(),
        DuplicateEmailExtraDocuments = document["duplicate_email_extra_documents"].ToInt64(),
        UsersMissingName = document["users_missing_name"].ToInt64(),
        AssessmentsMissingName = document["assessments_missing_name"].ToInt64(),
        EmptyBusinessRequirements = document["empty_business_requirements"].ToInt64(),
        InvalidStatuses = document["invalid_statuses"].ToInt64(),
        UsersCreatedInFuture = document["users_created_in_future"].ToInt64(),
        AssessmentsCreatedInFuture = document["assessments_created_in_future"].ToInt64(),
        OrphanedAssessments = document["orphaned_assessments"].ToInt64(),
        OrphanedReports = document["orphaned_reports"].ToInt64(),
        OrphanedWorkflowStates = document["orphaned_workflow_states"].ToInt64(),
        ExampleDomainUsers = document["example_domain_users"].ToInt64(),
        DemoFlaggedUsers = document["demo_flagged_users"].ToInt64(),
        DemoUsers = document["demo_users"].ToInt64(),
    };

    /// <summary>The defects each collection holds, for the per-collection summary table.</summary>
    public long InCollection(string collection) => collection switch
    {
        InfraMindCollections.Users => UpperCaseEmails + DuplicateEmailExtraDocuments + UsersMissingName + UsersCreatedInFuture,
        InfraMindCollections.Assessments => AssessmentsMissingName + EmptyBusinessRequirements + InvalidStatuses + AssessmentsCreatedInFuture + OrphanedAssessments,
        InfraMindCollections.Reports => OrphanedReports,
        InfraMindCollections.WorkflowStates => OrphanedWorkflowStates,
        _ => 0,
    };
}
