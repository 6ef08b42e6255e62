namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>A clock that always reads the same instant, so $currentDate results are exact.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
