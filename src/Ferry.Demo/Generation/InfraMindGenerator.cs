using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>
/// The Infra Mind demo data set generator. Streams every collection's documents lazily (constant memory at any
/// size), deterministically from <see cref="GeneratorOptions.Seed"/>, with an exact, known number of the defects
/// the guide's checks look for (<see cref="PlantedDefects"/>). <see cref="Summarize"/> computes the counts from the
/// plan without generating a document.
/// </summary>
public sealed class InfraMindGenerator
{
    public const int AssessmentsPerUser = 3;
    public const int AgentMetricsPerUser = 2;

    private readonly GenerationContext _context;
    private readonly UserFactory _users;
    private readonly AssessmentFactory _assessments;
    private readonly ReportFactory _reports;
    private readonly WorkflowStateFactory _workflowStates;
    private readonly AgentMetricFactory _agentMetrics;

    public InfraMindGenerator(GeneratorOptions options)
    {
        options.Validate();
        Options = options;
        _context = new GenerationContext(options);
        _users = new UserFactory(_context);
        _assessments = new AssessmentFactory(_context, _users);
        _reports = new ReportFactory(_context);
        _workflowStates = new WorkflowStateFactory(_context);
        _agentMetrics = new AgentMetricFactory(_context);
    }

    public GeneratorOptions Options { get; }

    /// <summary>The generation clock (UTC, millisecond precision): "in the future" means after this instant.</summary>
    public DateTime GeneratedAt => _context.Clock;

    public long UserCount => Options.Size;

    public long AssessmentCount => Options.Size * AssessmentsPerUser;

    public long ReportCount => ReportFactory.TotalFor(AssessmentCount);

    public long WorkflowStateCount => AssessmentCount;

    public long AgentMetricCount => Options.Size * AgentMetricsPerUser;

    /// <summary>Every collection in <see cref="InfraMindCollections.All"/> order, each a lazy stream.</summary>
    public IReadOnlyList<GeneratedCollection> Collections =>
    [
        new(InfraMindCollections.Users, UserCount, Users()),
        new(InfraMindCollections.Assessments, AssessmentCount, Assessments()),
        new(InfraMindCollections.Reports, ReportCount, Reports()),
        new(InfraMindCollections.WorkflowStates, WorkflowStateCount, WorkflowStates()),
        new(InfraMindCollections.AgentMetrics, AgentMetricCount, AgentMetrics()),
        new(InfraMindCollections.Configuration, 1, Configuration()),
    ];

    public IEnumerable<BsonDocument> Users()
    {
        for (long i = 0; i < UserCount; i++)
        {
            yield return _users.Create(i);
        }
    }

    public IEnumerable<BsonDocument> Assessments()
    {
        for (long a = 0; a < AssessmentCount; a++)
        {
            yield return _assessments.Create(a);
        }
    }

    public IEnumerable<BsonDocument> Reports()
    {
        for (long a = 0; a < AssessmentCount; a++)
        {
            var first = ReportFactory.FirstIndexOf(a);
            for (long r = first; r < first + ReportFactory.CountFor(a); r++)
            {
                yield return _reports.Create(a, r);
            }
        }
    }

    public IEnumerable<BsonDocument> WorkflowStates()
    {
        for (long a = 0; a < AssessmentCount; a++)
        {
            yield return _workflowStates.Create(a);
        }
    }

    public IEnumerable<BsonDocument> AgentMetrics()
    {
        for (long m = 0; m < AgentMetricCount; m++)
        {
            yield return _agentMetrics.Create(m);
        }
    }

    public IEnumerable<BsonDocument> Configuration()
    {
        yield return DemoConfiguration.Create();
    }

    /// <summary>Documents per collection and the exact planted defect counts, from the plan alone (O(size), no documents built).</summary>
    public GenerationSummary Summarize() => new(
        Options.Seed,
        Options.Size,
        GeneratedAt,
        Collections.ToDictionary(c => c.Name, c => c.Count),
        DefectCounter.Count(_context.Plan, ReportCount, WorkflowStateCount));
}
