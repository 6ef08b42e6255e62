using System.Diagnostics;
using System.Globalization;

namespace Ferry.Bench;

/// <summary>
/// Prints results as Markdown table rows and records each one as a <see cref="Measurement"/>, so <c>bench all</c> can
/// collect a run's measurements into its JSON (docs/benchmarks.md tables are generated from that JSON).
/// </summary>
public static class BenchOutput
{
    private static readonly List<Measurement> Recorded = [];
    private static string _benchmark = "";

    public static void Header(string title, long size)
    {
        Console.WriteLine($"## {title} — {size:N0} documents, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {LoadAverage.Read()}");
        Console.WriteLine();
        Console.WriteLine("| measurement | documents | seconds | documents/s | MB/s | ratio to the limit | peak working set MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    }

    /// <summary>Names the benchmark the following rows belong to (their key in the JSON).</summary>
    public static void Begin(string benchmark) => _benchmark = benchmark;

    /// <summary>Returns and clears what was recorded since the last call.</summary>
    public static IReadOnlyList<Measurement> TakeRecorded()
    {
        var taken = Recorded.ToList();
        Recorded.Clear();
        return taken;
    }

    /// <summary>
    /// One row. <paramref name="key"/> is the row's stable identity across runs (the name may carry run-specific
    /// counts); <paramref name="limitKey"/> names the row this one is a ratio to.
    /// </summary>
    public static double Row(string name, long documents, long bytes, TimeSpan elapsed, double? limitPerSecond, string? key = null, string? limitKey = null, string unit = "documents")
    {
        var rate = documents / elapsed.TotalSeconds;
        var ratio = limitPerSecond is { } limit ? rate / limit : (double?)null;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {documents:N0} | {elapsed.TotalSeconds:N2} | {rate:N0} | {bytes / 1048576.0 / elapsed.TotalSeconds:N1} | {(ratio is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "(the limit)")} | {peak:N0} |"));
        Recorded.Add(new Measurement(_benchmark, key ?? name, name, unit, documents, bytes, elapsed.TotalSeconds, rate, ratio, limitKey, peak, LoadAverage.Read()));
        return rate;
    }

    /// <summary>A value that is not a rate (bytes per key, a memory ratio): recorded with its unit.</summary>
    public static void Value(string key, string name, double value, string unit)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:N2} {unit}"));
        Recorded.Add(new Measurement(_benchmark, key, name, unit, 0, 0, 0, value, null, null, Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, LoadAverage.Read()));
    }

    public static string TempFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-bench", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>One timed measurement (or one derived value when <see cref="Seconds"/> is 0: then <see cref="Rate"/> is the value).</summary>
public sealed record Measurement(
    string Benchmark, string Key, string Name, string Unit, long Documents, long Bytes, double Seconds, double Rate,
    double? Ratio, string? LimitKey, double PeakWorkingSetMb, string LoadAverage);

/// <summary>The machine's 1/5/15-minute load averages (the machine is shared: every number is read next to it).</summary>
public static class LoadAverage
{
    public static string Read()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
