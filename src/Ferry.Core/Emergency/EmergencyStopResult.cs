using Ferry.Core.Hooks;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Emergency;

/// <summary>
/// What <c>ferry emergency stop</c> did: the runs it stopped (and those that had not stopped by the timeout), the
/// hooks it ran, the emergency backup and its verification. <see cref="Problems"/> empty means everything held.
/// </summary>
public sealed record EmergencyStopResult(string RunId, IReadOnlyList<string> Stopped, IReadOnlyList<string> NotStopped, IReadOnlyList<HookResult> Hooks)
{
    public string? BackupTag { get; init; }

    public bool BackupVerified { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Ok => Problems.Count == 0;

    public BsonDocument ToBson() => new()
    {
        { "ok", Ok },
        { "runId", RunId },
        { "stopped", new BsonArray(Stopped) },
        { "notStopped", new BsonArray(NotStopped) },
        { "hooks", new BsonArray(Hooks.Select(h => h.ToBson())) },
        { "backupTag", (BsonValue?)BackupTag ?? BsonNull.Value },
        { "backupVerified", BackupVerified },
        { "problems", new BsonArray(Problems.Select(UriRedactor.RedactText)) },
    };
}
