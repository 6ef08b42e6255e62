using System.Globalization;
using Ferry.Core.Errors;

namespace Ferry.Core.Time;

/// <summary>
/// A clock that always says the same instant. The CLI uses it when FERRY_CLOCK is set (an ISO-8601 time), so a
/// rehearsal or a test produces byte-identical output ("now" values, run ids' timestamps) on every run.
/// </summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public static TimeProvider FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("FERRY_CLOCK");
        if (string.IsNullOrEmpty(text))
        {
            return System;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var fixedNow)
            ? new FixedTimeProvider(fixedNow.ToUniversalTime())
            : throw new UserInputException($"FERRY_CLOCK={text}: expected an ISO-8601 time such as 2026-01-01T00:00:00Z");
    }
}
