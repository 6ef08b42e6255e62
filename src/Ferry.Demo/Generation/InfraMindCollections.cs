namespace Ferry.Demo.Generation;

/// <summary>The collection names of the Infra Mind data set, as the guide names them.</summary>
public static class InfraMindCollections
{
    public const string Users = "users";
    public const string Assessments = "assessments";
    public const string Reports = "reports";
    public const string WorkflowStates = "workflow_states";
    public const string AgentMetrics = "agent_metrics";

    /// <summary>Holds the one configuration document (<c>_id: "demo_config"</c>).</summary>
    public const string Configuration = "configuration";

    /// <summary>Every collection, parents before children.</summary>
    public static readonly IReadOnlyList<string> All = [Users, Assessments, Reports, WorkflowStates, AgentMetrics, Configuration];
}
