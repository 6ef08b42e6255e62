using MongoDB.Bson;

namespace Ferry.Core.Hooks;

/// <summary>How a hook ended: its exit code (null when it was killed or never started), output and time taken.</summary>
public sealed record HookResult(string Name, string Command, int? ExitCode, bool TimedOut, TimeSpan Duration, string Output)
{
    /// <summary>Why it could not start (no such program), when it did not.</summary>
    public string? StartError { get; init; }

    public bool Succeeded => ExitCode == 0 && !TimedOut && StartError is null;

    /// <summary>One line saying how it ended.</summary>
    public string Summary =>
        StartError is not null ? $"hook {Name} could not start: {StartError}"
        : TimedOut ? $"hook {Name} timed out after {Duration.TotalSeconds:0.#} s and was killed"
        : ExitCode == 0 ? $"hook {Name} succeeded in {Duration.TotalSeconds:0.#} s"
        : $"hook {Name} failed with exit code {ExitCode}";

    public BsonDocument ToBson() => new()
    {
        { "name", Name },
        { "command", Command },
        { "exit_code", ExitCode is { } code ? code : BsonNull.Value },
        { "timed_out", TimedOut },
        { "duration_ms", (long)Duration.TotalMilliseconds },
        { "succeeded", Succeeded },
        { "output", Output },
        { "start_error", StartError is { } error ? error : BsonNull.Value },
    };
}
