using Ferry.Core.Errors;

namespace Ferry.Core.Runs;

/// <summary>
/// A run ended because a stop was requested (<c>ferry runs stop</c>, <c>ferry emergency stop</c>): an expected
/// outcome the CLI prints as one line (exit 1) saying how to resume.
/// </summary>
public sealed class RunStoppedException(string runId, string message) : OperationFailedException(message)
{
    public string RunId { get; } = runId;
}
