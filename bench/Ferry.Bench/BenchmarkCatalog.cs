using System.Globalization;

namespace Ferry.Bench;

/// <summary>The benchmarks this harness knows, by name, and <c>all</c>, which runs every one into one JSON.</summary>
public static class BenchmarkCatalog
{
    private static readonly Dictionary<string, Func<BenchArgs, Task>> Benchmarks = new()
    {
        ["store"] = StoreBenchmark.RunAsync,
        ["validate"] = PipelineBenchmarks.ValidateAsync,
        ["transform"] = PipelineBenchmarks.TransformAsync,
        ["hashing"] = HashingBenchmark.RunAsync,
        ["backup"] = Backup.BackupThroughputBench.RunAsync,
        ["serve"] = ServeBenchmark.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        BenchArgs parsed;
        try
        {
            parsed = BenchArgs.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (parsed.Name == "all")
        {
            if (parsed.JsonPath is null)
            {
                Console.Error.WriteLine("usage: ferry-bench all --json FILE [--size N] [--runs N] [--only a,b]");
                return 2;
            }

            var names = parsed.Only ?? Benchmarks.Keys.ToList();
            await AllBenchmarks.RunAsync(parsed, names.ToDictionary(n => n, n => Benchmarks[n])).ConfigureAwait(false);
            return 0;
        }

        if (parsed.Name is null || !Benchmarks.TryGetValue(parsed.Name, out var run))
        {
            Console.Error.WriteLine($"usage: ferry-bench <{string.Join("|", Benchmarks.Keys)}> [--size N] [--runs N]  |  ferry-bench all --json FILE [--size N] [--runs N] [--only a,b]");
            return 2;
        }

        BenchOutput.Begin(parsed.Name);
        await run(parsed).ConfigureAwait(false);
        return 0;
    }

    public static bool IsKnown(string name) => Benchmarks.ContainsKey(name);
}

/// <summary>
/// Arguments: a benchmark name, its size (documents), the timed rounds each benchmark makes after its untimed
/// warm-up (<c>--runs</c>, default 1; <c>all</c> defaults to 5 and reports the median), the users the hashing
/// benchmark transforms (<c>--hash-users</c>, bcrypt cost 10 is slow), and for <c>all</c> the JSON file.
/// </summary>
public sealed record BenchArgs(string? Name, long Size)
{
    public int Runs { get; init; } = 1;

    public int HashUsers { get; init; } = 120;

    public string? JsonPath { get; init; }

    public IReadOnlyList<string>? Only { get; init; }

    public static BenchArgs Parse(string[] args)
    {
        var name = args.Length > 0 ? args[0] : null;
        var parsed = new BenchArgs(name, 100_000L) { Runs = name == "all" ? 5 : 1 };
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new FormatException($"{args[i]}: expected a value after it");
            parsed = args[i] switch
            {
                "--size" => parsed with { Size = Number(args[i], value) },
                "--runs" => parsed with { Runs = (int)Number(args[i], value) },
                "--hash-users" => parsed with { HashUsers = (int)Number(args[i], value) },
                "--json" => parsed with { JsonPath = value },
                "--only" => parsed with { Only = Names(value) },
                _ => throw new FormatException($"{args[i]}: unknown option (expected --size, --runs, --hash-users, --json, --only)"),
            };
            i++;
        }

        return parsed;
    }

    private static long Number(string option, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{option} {value}: expected a positive whole number");

    private static List<string> Names(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return names.FirstOrDefault(n => !BenchmarkCatalog.IsKnown(n)) is { } unknown
            ? throw new FormatException($"--only {value}: unknown benchmark {unknown}")
            : names;
    }
}
