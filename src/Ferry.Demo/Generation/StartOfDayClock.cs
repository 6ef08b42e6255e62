namespace Ferry.Demo.Generation;

/// <summary>
/// A clock that reads another one truncated to midnight UTC. The demo generates against it, so the same seed and
/// size give byte-identical data all day long, while the planted "future" dates (at least a day after the clock)
/// stay in the future for whoever checks them that day.
/// </summary>
public sealed class StartOfDayClock(TimeProvider inner) : TimeProvider
{
    public static StartOfDayClock Today { get; } = new(TimeProvider.System);

    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
    }
}
