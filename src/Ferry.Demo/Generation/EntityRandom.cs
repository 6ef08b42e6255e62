namespace Ferry.Demo.Generation;

/// <summary>
/// A SplitMix64 random sequence for one generated entity, derived from (seed, stream, index) alone. Every entity
/// draws from its own sequence, so entity <c>i</c> comes out the same whether or not the ones before it were
/// generated, on every machine and runtime (no <see cref="System.Random"/> implementation or culture involved).
/// </summary>
internal struct EntityRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public EntityRandom(int seed, ulong stream, long index)
    {
        _state = Mix(unchecked((ulong)seed * Golden) ^ Mix(stream + Golden) ^ Mix(unchecked((ulong)index * 0xD1B54A32D192ED03UL + stream)));
    }

    /// <summary>The mixing function of SplitMix64: a bijection that spreads every input bit.</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += Golden;
        }

        return Mix(_state);
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>); the modulo bias is irrelevant for demo data.</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public long NextInt64(long minInclusive, long maxExclusive) =>
        minInclusive + (long)(NextUInt64() % (ulong)(maxExclusive - minInclusive));

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
