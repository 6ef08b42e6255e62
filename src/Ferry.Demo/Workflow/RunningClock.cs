using System.Diagnostics;

namespace Ferry.Demo.Workflow;

/// <summary>
/// A clock that starts at the demo's fixed time and then runs with real time, so a journaled run of the demo keeps
/// its reproducible dates (run id, "now" fields: read once at its start) while its duration and progress samples are
/// real — the report's throughput chart needs time to pass.
/// </summary>
public sealed class RunningClock(TimeProvider start) : TimeProvider
{
    private readonly DateTimeOffset _start = start.GetUtcNow();
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public override DateTimeOffset GetUtcNow() => _start + _elapsed.Elapsed;
}
