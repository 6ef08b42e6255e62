using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>
/// Builds assessment <c>a</c> of user <c>a / 3</c>: <c>{ _id, user_id, name, description, business_requirements,
/// technical_requirements, compliance_requirements, status, created_at }</c>.
/// </summary>
internal sealed class AssessmentFactory(GenerationContext context, UserFactory users)
{
    public BsonDocument Create(long index)
    {
        var plan = context.Plan;
        var defect = plan.AssessmentDefectOf(index);
        var userIndex = index / InfraMindGenerator.AssessmentsPerUser;
        var random = new EntityRandom(context.Seed, Streams.Assessments, index);
        var topic = random.Pick(Vocabulary.AssessmentTopics);

        // An orphan points at a user index past the last user: a well-formed id no user has.
        var userId = defect == AssessmentDefect.OrphanedUser ? context.Ids.User(plan.UserCount + index) : context.Ids.User(userIndex);
        var document = new BsonDocument
        {
            { "_id", context.Ids.Assessment(index) },
            { "user_id", userId },
        };
        if (defect != AssessmentDefect.MissingName)
        {
            document.Add("name", $"{topic} for {users.CompanyOf(userIndex)}");
        }

        document.Add("description", $"{random.Pick(Vocabulary.Sentences)} {random.Pick(Vocabulary.Sentences)}");
        document.Add("business_requirements", defect == AssessmentDefect.EmptyBusinessRequirements ? new BsonDocument() : BusinessRequirements(ref random));
        document.Add("technical_requirements", TechnicalRequirements(ref random));
        document.Add("compliance_requirements", ComplianceRequirements(ref random));
        document.Add("status", defect == AssessmentDefect.InvalidStatus ? random.Pick(Vocabulary.InvalidStatuses) : random.Pick(Vocabulary.ValidStatuses));
        document.Add("created_at", defect == AssessmentDefect.CreatedInFuture
            ? context.Future(ref random)
            : context.Past(ref random, GenerationContext.Seconds.Hour, GenerationContext.Seconds.Year));
        return document;
    }

    private static BsonDocument BusinessRequirements(ref EntityRandom random) => new()
    {
        { "company_size", random.Pick(Vocabulary.CompanySizes) },
        { "industry", random.Pick(Vocabulary.Industries) },
        { "budget_usd", new BsonDecimal128(new Decimal128(random.Next(10, 2000) * 1000m + 0.50m)) },
        { "timeline_months", random.Next(3, 37) },
        { "goals", new BsonArray { random.Pick(Vocabulary.Goals), random.Pick(Vocabulary.Goals) } },
    };

    private static BsonDocument TechnicalRequirements(ref EntityRandom random) => new()
    {
        { "current_infrastructure", random.Pick(Vocabulary.Infrastructures) },
        { "workload_types", new BsonArray { random.Pick(Vocabulary.Workloads), random.Pick(Vocabulary.Workloads) } },
        { "expected_users", random.NextInt64(100, 50_000_000) },
        { "availability_target", Math.Round(99.0 + random.NextDouble(), 3) },
        { "needs_gpu", random.Chance(30) },
    };

    private static BsonDocument ComplianceRequirements(ref EntityRandom random) => new()
    {
        { "regulations", random.Chance(25) ? new BsonArray() : new BsonArray { random.Pick(Vocabulary.Regulations) } },
        { "data_residency", random.Pick(Vocabulary.Regions) },
        { "audit_logging", random.Chance(60) },
    };
}
