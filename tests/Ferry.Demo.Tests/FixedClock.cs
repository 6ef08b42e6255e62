namespace Ferry.Demo.Tests;

/// <summary>A clock that always says the same instant, so generated dates are exact.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly FixedClock Default = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
