using Ferry.Core.Hooks;
using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>The verbs a plan step can run.</summary>
public static class PlanVerbs
{
    public const string Backup = "backup";
    public const string Health = "health";
    public const string Migrate = "migrate";
    public const string Transform = "transform";
    public const string Validate = "validate";
    public const string Doctor = "doctor";
    public const string Smoke = "smoke";
    public const string Hook = "hook";
    public const string Report = "report";

    public static readonly IReadOnlyList<string> All = [Backup, Health, Migrate, Transform, Validate, Doctor, Smoke, Hook, Report];
}

/// <summary>
/// One step of a plan: its name, its verb and that verb's options (only the ones of <see cref="Verb"/> are set).
/// Paths are absolute (resolved against the plan's folder).
/// </summary>
public sealed record PlanStep(string Name, string Verb, string Location)
{
    /// <summary>backup: the tag (default <c>RUN-STEP</c>, the run id starting with plan-); <c>{run}</c> is replaced by the plan run's id.</summary>
    public string? Tag { get; init; }

    /// <summary>backup: verify it after writing (default true).</summary>
    public bool Verified { get; init; } = true;

    /// <summary>backup: the databases (default: the plan's); transform: none.</summary>
    public IReadOnlyList<string> Databases { get; init; } = [];

    /// <summary>migrate: the migrations folder.</summary>
    public string? Migrations { get; init; }

    /// <summary>migrate: apply up to this version (default: all pending).</summary>
    public string? ToVersion { get; init; }

    /// <summary>transform, validate, doctor: the rules file.</summary>
    public string? Rules { get; init; }

    /// <summary>transform: the source database.</summary>
    public string? SourceDatabase { get; init; }

    /// <summary>transform, migrate, validate, doctor, smoke: the database (default: the plan's).</summary>
    public string? Database { get; init; }

    /// <summary>transform: documents per batch.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>transform: lower the rules' bcrypt/argon cost (rehearsals and demos); null keeps the rules' cost.</summary>
    public int? PasswordHashCost { get; init; }

    /// <summary>
    /// validate: report the outcome without failing the step (a check before a repair, whose findings are expected);
    /// the step's summary and result still say what failed.
    /// </summary>
    public bool ReportOnly { get; init; }

    /// <summary>doctor: repair (merge and quarantine) rather than only list.</summary>
    public bool Fix { get; init; }

    /// <summary>smoke query: collection, filter and either an expected count or a document the first match must contain.</summary>
    public string? Collection { get; init; }

    public BsonDocument Filter { get; init; } = new();

    public long? ExpectedCount { get; init; }

    public BsonDocument? ExpectedMatch { get; init; }

    /// <summary>smoke: also checked after a rollback (<c>ferry rollback</c>): the check holds before the migration too.</summary>
    public bool AfterRollback { get; init; }

    /// <summary>smoke http: GET this URL and expect this status.</summary>
    public string? Url { get; init; }

    public int ExpectedStatus { get; init; } = 200;

    /// <summary>hook: the command.</summary>
    public HookCommand? Command { get; init; }

    /// <summary>report: the file the plan run's report is written to.</summary>
    public string? Path { get; init; }

    /// <summary>A step that changes data: it needs a backup step before it, and is watched by the thresholds.</summary>
    public bool IsDestructive => Verb is PlanVerbs.Migrate or PlanVerbs.Transform || (Verb == PlanVerbs.Doctor && Fix);

    /// <summary>The database a destructive step writes.</summary>
    public string? WrittenDatabase(string planDatabase) => IsDestructive ? Database ?? planDatabase : null;
}
