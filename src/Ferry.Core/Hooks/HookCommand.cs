namespace Ferry.Core.Hooks;

/// <summary>
/// A command an operator wants run around a migration (the guide's <c>kubectl scale deployment … --replicas=0</c>):
/// either one shell line (<see cref="Shell"/>, run by <c>/bin/sh -c</c>, so pipes and variables work as typed) or an
/// argument vector (<see cref="Arguments"/>, run directly, nothing interpreted).
/// </summary>
public sealed record HookCommand(string Name)
{
    public string? Shell { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>How long the command may run before it and its children are killed; the hook then fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra environment variables (FERRY_RUN_ID and the like).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The folder it runs in (a plan's folder); null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>What the command is, for logs and reports (redacted by the runner).</summary>
    public string Display => Shell ?? string.Join(' ', Arguments);
}
