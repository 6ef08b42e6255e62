namespace Ferry.Demo.Generation;

/// <summary>What every document factory needs: the seed, the defect plan, the id scheme and the generation clock.</summary>
internal sealed class GenerationContext
{
    public GenerationContext(GeneratorOptions options)
    {
        Seed = options.Seed;
        Plan = new DefectPlan(options.Seed, options.Size);
        Ids = new DemoIds(options.Seed);
        var now = options.Clock.GetUtcNow().UtcDateTime;
        Clock = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    public int Seed { get; }

    public DefectPlan Plan { get; }

    public DemoIds Ids { get; }

    /// <summary>The generation clock at BSON's millisecond precision: "the future" means after this instant.</summary>
    public DateTime Clock { get; }

    /// <summary>A moment between <paramref name="minSeconds"/> and <paramref name="maxSeconds"/> before the clock.</summary>
    public DateTime Past(ref EntityRandom random, long minSeconds, long maxSeconds) =>
        Clock.AddSeconds(-random.NextInt64(minSeconds, maxSeconds));

    /// <summary>A moment one day to a year after the clock (a planted "created in the future").</summary>
    public DateTime Future(ref EntityRandom random) =>
        Clock.AddSeconds(random.NextInt64(Seconds.Day, Seconds.Year));

    public static class Seconds
    {
        public const long Hour = 3600;
        public const long Day = 86_400;
        public const long Year = 365 * Day;
    }
}
