namespace Ferry.Bench;

/// <summary>The benchmarks this harness knows, by name.</summary>
public static class BenchmarkCatalog
{
    private static readonly Dictionary<string, Func<BenchArgs, Task>> Benchmarks = new()
    {
        ["store"] = StoreBenchmark.RunAsync,
        ["validate"] = PipelineBenchmarks.ValidateAsync,
        ["transform"] = PipelineBenchmarks.TransformAsync,
        ["backup"] = Backup.BackupThroughputBench.RunAsync,
        ["serve"] = ServeBenchmark.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = BenchArgs.Parse(args);
        if (parsed.Name is null || !Benchmarks.TryGetValue(parsed.Name, out var run))
        {
            Console.Error.WriteLine($"usage: ferry-bench <{string.Join("|", Benchmarks.Keys)}> [--size N]");
            return 2;
        }

        await run(parsed).ConfigureAwait(false);
        return 0;
    }
}

/// <summary>Arguments: a benchmark name and its size (documents or users).</summary>
public sealed record BenchArgs(string? Name, long Size)
{
    public static BenchArgs Parse(string[] args)
    {
        var size = 100_000L;
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--size")
            {
                size = long.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new BenchArgs(args.Length > 0 ? args[0] : null, size);
    }
}
