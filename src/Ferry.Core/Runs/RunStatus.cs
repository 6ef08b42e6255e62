namespace Ferry.Core.Runs;

/// <summary>The life of a run, as stored in <c>_ferry_runs.status</c>.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Stopped = "stopped";
    public const string RolledBack = "rolled_back";

    /// <summary>A rollback that ran but whose restore did not verify against the baseline: never a success.</summary>
    public const string RollbackFailed = "rollback_failed";

    public static bool IsFinished(string status) => status is Completed or Failed or RolledBack or RollbackFailed;
}
