using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>Builds the one workflow state of assessment <c>a</c>: <c>{ _id, assessment_id, state, step, progress, updated_at }</c>.</summary>
internal sealed class WorkflowStateFactory(GenerationContext context)
{
    public BsonDocument Create(long assessmentIndex)
    {
        var random = new EntityRandom(context.Seed, Streams.WorkflowStates, assessmentIndex);
        var assessmentId = context.Plan.IsOrphanedWorkflowState(assessmentIndex)
            ? context.Ids.Assessment((2 * context.Plan.AssessmentCount) + assessmentIndex)
            : context.Ids.Assessment(assessmentIndex);
        var stepNumber = random.Next(Vocabulary.WorkflowSteps.Length);
        return new BsonDocument
        {
            { "_id", context.Ids.WorkflowState(assessmentIndex) },
            { "assessment_id", assessmentId },
            { "state", random.Pick(Vocabulary.WorkflowStates) },
            { "step", Vocabulary.WorkflowSteps[stepNumber] },
            { "step_number", stepNumber + 1 },
            { "progress", random.Next(0, 101) },
            { "updated_at", context.Past(ref random, 60, 30 * GenerationContext.Seconds.Day) },
        };
    }
}
