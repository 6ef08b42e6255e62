using System.Diagnostics;
using System.Globalization;

namespace Ferry.Bench;

/// <summary>Prints results as Markdown table rows (pasted into docs/benchmarks.md with the command that made them).</summary>
public static class BenchOutput
{
    public static void Header(string title, long size)
    {
        Console.WriteLine($"## {title} — {size:N0} documents, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine("| measurement | documents | seconds | documents/s | MB/s | ratio to the limit | peak working set MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    }

    public static double Row(string name, long documents, long bytes, TimeSpan elapsed, double? limitPerSecond)
    {
        var rate = documents / elapsed.TotalSeconds;
        var ratio = limitPerSecond is { } limit ? (rate / limit).ToString("P0", CultureInfo.InvariantCulture) : "(the limit)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {documents:N0} | {elapsed.TotalSeconds:N2} | {rate:N0} | {bytes / 1048576.0 / elapsed.TotalSeconds:N1} | {ratio} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} |"));
        return rate;
    }

    public static string TempFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-bench", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
