namespace Ferry.Demo.Workflow;

/// <summary>
/// One step of the demo's walk through the lifecycle (prepare, seed, summary; later analyze, backup, migrate,
/// transform, validate, report). Steps run in order on a shared <see cref="DemoContext"/>; a step returns a
/// one-line outcome for the result, and records the files it writes in <see cref="DemoContext.Locations"/>.
/// </summary>
public interface IDemoStep
{
    /// <summary>A short name (<c>seed</c>) shown in progress and in the result.</summary>
    string Name { get; }

    Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default);
}
