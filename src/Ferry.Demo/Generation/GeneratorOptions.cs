using Ferry.Core.Errors;

namespace Ferry.Demo.Generation;

/// <summary>
/// What to generate: <see cref="Size"/> users (with 3 assessments each, 1–2 reports and one workflow state per
/// assessment, 2 agent metrics per user), from <see cref="Seed"/>, dated relative to <see cref="Clock"/>. The
/// same seed, size and clock instant give byte-identical documents on every machine; ids depend on the seed only.
/// </summary>
public sealed record GeneratorOptions
{
    public const long MaxSize = 100_000_000;

    public long Size { get; init; } = 1000;

    public int Seed { get; init; } = 42;

    /// <summary>The generation clock: every created_at lies before it, except the planted future ones.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="UserInputException"/> for a size outside 1..<see cref="MaxSize"/>.</summary>
    public void Validate()
    {
        if (Size < 1 || Size > MaxSize)
        {
            throw new UserInputException($"--size {Size}: expected a number of users from 1 to {MaxSize}");
        }
    }
}
