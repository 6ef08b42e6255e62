namespace Ferry.Demo.Generation;

/// <summary>
/// The fixed word lists the generator draws from. Plain ASCII literals, so the output never depends on a culture
/// or a locale's data (which is why the generator does not use Bogus's name tables).
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] FirstNames =
    [
        "Ada", "Alan", "Amara", "Ben", "Carla", "Chen", "Dana", "David", "Elena", "Emeka", "Fatima", "Felix",
        "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jack", "Jana", "Kai", "Kofi", "Lara", "Liam", "Maya",
        "Mateo", "Nadia", "Noah", "Olga", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Sofia", "Tariq", "Uma",
        "Victor", "Wei", "Yara", "Zoe",
    ];

    public static readonly string[] LastNames =
    [
        "Adams", "Baker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Khan",
        "Lopez", "Martin", "Novak", "Okafor", "Patel", "Quist", "Rossi", "Schmidt", "Tanaka", "Umar", "Varga",
        "Weber", "Xu", "Young", "Zimmer",
    ];

    /// <summary>Company name and its e-mail domain (never example.com: that domain is a planted demo marker).</summary>
    public static readonly (string Name, string Domain)[] Companies =
    [
        ("Acme Corp", "acme-corp.com"), ("Northwind Traders", "northwind.io"), ("Globex", "globex.net"),
        ("Initech", "initech.com"), ("Umbrella Health", "umbrella-health.org"), ("Stark Logistics", "starklog.com"),
        ("Wayne Retail", "wayne-retail.com"), ("Hooli Cloud", "hooli.dev"), ("Soylent Foods", "soylent.co"),
        ("Tyrell Systems", "tyrell.ai"), ("Cyberdyne Finance", "cyberdyne.finance"), ("Vandelay Imports", "vandelay.biz"),
    ];

    public static readonly string[] Roles = ["user", "admin", "analyst", "cto", "engineer", "manager"];

    /// <summary>The statuses the guide's checks accept (plus archived).</summary>
    public static readonly string[] ValidStatuses = ["draft", "processing", "completed", "archived"];

    /// <summary>Statuses a planted defect uses: none is in <see cref="ValidStatuses"/>.</summary>
    public static readonly string[] InvalidStatuses = ["pending", "in_progress", "failed", "DONE", "Completed", "unknown"];

    public static readonly string[] Industries = ["finance", "healthcare", "retail", "manufacturing", "media", "education", "logistics", "energy"];

    public static readonly string[] CompanySizes = ["startup", "small", "medium", "large", "enterprise"];

    public static readonly string[] Goals =
    [
        "reduce_costs", "improve_scalability", "increase_availability", "modernize_stack", "adopt_ai",
        "strengthen_security", "enter_new_regions", "speed_up_delivery",
    ];

    public static readonly string[] Infrastructures = ["on_premise", "aws", "azure", "gcp", "hybrid", "multi_cloud"];

    public static readonly string[] Workloads = ["web", "batch", "analytics", "ml_training", "ml_inference", "database", "streaming"];

    public static readonly string[] Regulations = ["GDPR", "HIPAA", "SOC2", "PCI-DSS", "ISO27001", "CCPA"];

    public static readonly string[] Regions = ["us", "eu", "uk", "apac", "latam"];

    public static readonly string[] AssessmentTopics =
    [
        "Cloud migration", "AI platform readiness", "Cost optimisation", "Disaster recovery review",
        "Kubernetes adoption", "Data platform modernisation", "Security posture review", "Multi-region expansion",
    ];

    public static readonly string[] ReportTypes = ["executive_summary", "technical_roadmap", "cost_analysis", "compliance_review"];

    public static readonly string[] ReportStatuses = ["pending", "generating", "completed", "failed"];

    public static readonly string[] WorkflowStates = ["pending", "running", "completed", "failed"];

    public static readonly string[] WorkflowSteps = ["data_collection", "requirements_analysis", "agent_orchestration", "recommendation_synthesis", "report_generation"];

    public static readonly string[] AgentTypes =
    [
        "cto_agent", "cloud_engineer_agent", "research_agent", "compliance_agent", "mlops_agent",
        "infrastructure_agent", "ai_consultant_agent", "report_generator_agent",
    ];

    public static readonly string[] Sentences =
    [
        "The current workload runs on ageing hardware with little headroom.",
        "Peak traffic doubles during the quarterly reporting window.",
        "Most services are stateless and can move with little change.",
        "The data warehouse is the largest single cost item.",
        "Latency to European customers exceeds the agreed service level.",
        "Backups are taken nightly but restores are rarely rehearsed.",
        "The team wants managed services over self-hosted clusters.",
        "Regulated data must stay within its region of origin.",
        "A phased migration over two quarters keeps risk low.",
        "Reserved capacity would cut compute spending noticeably.",
    ];
}
