using Jint.Runtime;

namespace Ferry.Scripting.Sandbox;

/// <summary>Jint's date system on the session's clock: a script's <c>new Date()</c> and <c>Date.now()</c> say what
/// the rest of Ferry says (FERRY_CLOCK in the CLI), so a migration's timestamps are reproducible in tests. Parsing
/// and time zones are Jint's own.</summary>
internal sealed class ClockTimeSystem(TimeProvider time, ITimeSystem inner) : ITimeSystem
{
    public TimeZoneInfo DefaultTimeZone => inner.DefaultTimeZone;

    public DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public bool TryParse(string date, out long epochMilliseconds) => inner.TryParse(date, out epochMilliseconds);

    public TimeSpan GetUtcOffset(long epochMilliseconds) => inner.GetUtcOffset(epochMilliseconds);
}
