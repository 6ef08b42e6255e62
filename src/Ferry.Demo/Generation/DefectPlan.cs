namespace Ferry.Demo.Generation;

/// <summary>
/// Decides, from the seed and an entity's index alone, which defect (if any) that entity carries. Each entity gets
/// a slot <c>(index × 37 + offset(seed)) mod 100</c>; since 37 is coprime to 100, every run of 100 consecutive
/// entities holds each slot exactly once, so defects are spread evenly (~1 % each) and never overlap: an entity
/// carries at most one defect, and demo markers use slots no defect uses. Edge cases (a duplicate whose source
/// would lie before the first user) are generated clean, so what is planted is exactly what
/// <see cref="InfraMindGenerator.Summarize"/> counts.
/// </summary>
internal sealed class DefectPlan(int seed, long userCount)
{
    private const int Stride = 37;

    private readonly int _userOffset = Offset(seed, Streams.Users);
    private readonly int _assessmentOffset = Offset(seed, Streams.Assessments);
    private readonly int _reportOffset = Offset(seed, Streams.Reports);
    private readonly int _workflowOffset = Offset(seed, Streams.WorkflowStates);

    public long UserCount { get; } = userCount;

    public long AssessmentCount => UserCount * InfraMindGenerator.AssessmentsPerUser;

    /// <summary>The defect of user <paramref name="index"/>. Slot 0 upper-case e-mail; 1 and 38 duplicate e-mail
    /// (slot 1 copies the e-mail of user index−1, slot 38 of user index−2: both point at the same slot-64 user, so
    /// a full group has three users); 2 missing name; 3 created in the future.</summary>
    public UserDefect UserDefectOf(long index) => Slot(index, _userOffset) switch
    {
        0 => UserDefect.UpperCaseEmail,
        1 when index >= 1 => UserDefect.DuplicateEmail,
        38 when index >= 2 => UserDefect.DuplicateEmail,
        2 => UserDefect.MissingName,
        3 => UserDefect.CreatedInFuture,
        _ => UserDefect.None,
    };

    /// <summary>The index of the user whose e-mail a <see cref="UserDefect.DuplicateEmail"/> user copies.</summary>
    public long DuplicateSourceOf(long index) => Slot(index, _userOffset) == 1 ? index - 1 : index - 2;

    /// <summary>Demo markers: slots 70–79 an example.com address only, 80–89 <c>is_demo: true</c> only, 90–99 both.
    /// No defect and no duplicate source (slot 64) uses these slots.</summary>
    public DemoMarkers DemoMarkersOf(long index) => Slot(index, _userOffset) switch
    {
        >= 70 and < 80 => DemoMarkers.ExampleDomain,
        >= 80 and < 90 => DemoMarkers.DemoFlag,
        >= 90 => DemoMarkers.ExampleDomain | DemoMarkers.DemoFlag,
        _ => DemoMarkers.None,
    };

    /// <summary>The defect of assessment <paramref name="index"/>: slot 0 orphan, 1 missing name, 2 empty business
    /// requirements, 3 invalid status, 4 created in the future.</summary>
    public AssessmentDefect AssessmentDefectOf(long index) => Slot(index, _assessmentOffset) switch
    {
        0 => AssessmentDefect.OrphanedUser,
        1 => AssessmentDefect.MissingName,
        2 => AssessmentDefect.EmptyBusinessRequirements,
        3 => AssessmentDefect.InvalidStatus,
        4 => AssessmentDefect.CreatedInFuture,
        _ => AssessmentDefect.None,
    };

    /// <summary>Report <paramref name="index"/> points at an assessment that does not exist (slot 0).</summary>
    public bool IsOrphanedReport(long index) => Slot(index, _reportOffset) == 0;

    /// <summary>Workflow state <paramref name="index"/> points at an assessment that does not exist (slot 0).</summary>
    public bool IsOrphanedWorkflowState(long index) => Slot(index, _workflowOffset) == 0;

    private static int Slot(long index, int offset) => (int)(((index % 100 * Stride) + offset) % 100);

    private static int Offset(int seed, ulong stream) => (int)(EntityRandom.Mix(unchecked((ulong)seed * 31 + stream)) % 100);
}

/// <summary>The one defect a generated user carries, if any.</summary>
internal enum UserDefect
{
    None,
    UpperCaseEmail,
    DuplicateEmail,
    MissingName,
    CreatedInFuture,
}

/// <summary>The one defect a generated assessment carries, if any.</summary>
internal enum AssessmentDefect
{
    None,
    OrphanedUser,
    MissingName,
    EmptyBusinessRequirements,
    InvalidStatus,
    CreatedInFuture,
}

/// <summary>The demo markers of a generated user.</summary>
[Flags]
internal enum DemoMarkers
{
    None = 0,
    ExampleDomain = 1,
    DemoFlag = 2,
}

/// <summary>Stream numbers that keep each collection's random sequences apart.</summary>
internal static class Streams
{
    public const ulong Users = 1;
    public const ulong Assessments = 2;
    public const ulong Reports = 3;
    public const ulong WorkflowStates = 4;
    public const ulong AgentMetrics = 5;
}
