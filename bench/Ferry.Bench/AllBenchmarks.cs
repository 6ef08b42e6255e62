using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ferry.Bench;

/// <summary>
/// <c>bench all --json FILE</c>: runs every benchmark at one size, each making <c>--runs</c> timed rounds (5 by default)
/// after an untimed warm-up, and writes one JSON with, per measurement, the median and the spread (min, max) of its
/// rate and of its ratio to the limit measured in the same round, with the load average next to every round.
/// The file is rewritten after each benchmark, so a long run interrupted keeps what finished.
/// bench/tables.py turns the JSON into docs/benchmarks.md's tables.
/// </summary>
public static class AllBenchmarks
{
    public static async Task RunAsync(BenchArgs args, IReadOnlyDictionary<string, Func<BenchArgs, Task>> benchmarks)
    {
        var root = new JsonObject
        {
            ["generated_at"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["size"] = args.Size,
            ["runs"] = args.Runs,
            ["cores"] = Environment.ProcessorCount,
            ["load_average_at_start"] = LoadAverage.Read(),
            ["benchmarks"] = new JsonObject(),
        };

        foreach (var (name, run) in benchmarks)
        {
            BenchOutput.Begin(name);
            var started = DateTime.UtcNow;
            await run(args).ConfigureAwait(false);
            var summary = Summarise(BenchOutput.TakeRecorded());
            summary["started_at"] = started.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            summary["seconds"] = Math.Round((DateTime.UtcNow - started).TotalSeconds, 1);
            root["benchmarks"]![name] = summary;
            root["load_average_at_end"] = LoadAverage.Read();
            await File.WriteAllTextAsync(args.JsonPath!, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
            Console.WriteLine();
        }

        Console.WriteLine($"wrote {args.JsonPath}");
    }

    private static JsonObject Summarise(IReadOnlyList<Measurement> measurements)
    {
        var result = new JsonObject();
        foreach (var group in measurements.GroupBy(m => m.Key))
        {
            var list = group.ToList();
            var entry = new JsonObject
            {
                ["name"] = list[^1].Name,
                ["unit"] = list[0].Unit,
                ["runs"] = list.Count,
                ["documents"] = list[0].Documents,
                ["rate_median"] = Round(Median(list.Select(m => m.Rate))),
                ["rate_min"] = Round(list.Min(m => m.Rate)),
                ["rate_max"] = Round(list.Max(m => m.Rate)),
                ["seconds_median"] = Round(Median(list.Select(m => m.Seconds))),
                ["mb_per_second_median"] = Round(Median(list.Select(m => m.Seconds > 0 ? m.Bytes / 1048576.0 / m.Seconds : 0))),
                ["peak_working_set_mb"] = Round(list.Max(m => m.PeakWorkingSetMb)),
                ["load_averages"] = new JsonArray(list.Select(m => (JsonNode)JsonValue.Create(m.LoadAverage)!).ToArray()),
            };
            if (list[0].LimitKey is { } limit)
            {
                var ratios = list.Select(m => m.Ratio ?? 0).ToList();
                entry["limit"] = limit;
                entry["ratio_median"] = Round(Median(ratios), 4);
                entry["ratio_min"] = Round(ratios.Min(), 4);
                entry["ratio_max"] = Round(ratios.Max(), 4);
                entry["ratios"] = new JsonArray(ratios.Select(r => (JsonNode)JsonValue.Create(Round(r, 4))!).ToArray());
            }

            result[group.Key] = entry;
        }

        return new JsonObject { ["measurements"] = result };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Round(double value, int digits = 2) => Math.Round(value, digits);
}
