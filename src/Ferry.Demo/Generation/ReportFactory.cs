using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>
/// Builds the reports of assessment <c>a</c>: one when <c>a</c> is even, two when odd, numbered consecutively
/// (<c>a + a / 2</c> reports come before assessment <c>a</c>'s first). Fields:
/// <c>{ _id, assessment_id, title, report_type, status, content, created_at }</c>.
/// </summary>
internal sealed class ReportFactory(GenerationContext context)
{
    public static long CountFor(long assessmentIndex) => 1 + (assessmentIndex % 2);

    public static long TotalFor(long assessmentCount) => assessmentCount + (assessmentCount / 2);

    public static long FirstIndexOf(long assessmentIndex) => assessmentIndex + (assessmentIndex / 2);

    public BsonDocument Create(long assessmentIndex, long reportIndex)
    {
        var random = new EntityRandom(context.Seed, Streams.Reports, reportIndex);
        var type = random.Pick(Vocabulary.ReportTypes);

        // An orphan points at an assessment index past the last assessment: a well-formed id nothing has.
        var assessmentId = context.Plan.IsOrphanedReport(reportIndex)
            ? context.Ids.Assessment(context.Plan.AssessmentCount + reportIndex)
            : context.Ids.Assessment(assessmentIndex);
        return new BsonDocument
        {
            { "_id", context.Ids.Report(reportIndex) },
            { "assessment_id", assessmentId },
            { "title", $"{Title(type)} #{reportIndex + 1}" },
            { "report_type", type },
            { "status", random.Pick(Vocabulary.ReportStatuses) },
            { "content", $"{random.Pick(Vocabulary.Sentences)} {random.Pick(Vocabulary.Sentences)} {random.Pick(Vocabulary.Sentences)}" },
            { "created_at", context.Past(ref random, GenerationContext.Seconds.Hour, GenerationContext.Seconds.Year) },
        };
    }

    private static string Title(string type) => type switch
    {
        "executive_summary" => "Executive summary",
        "technical_roadmap" => "Technical roadmap",
        "cost_analysis" => "Cost analysis",
        _ => "Compliance review",
    };
}
