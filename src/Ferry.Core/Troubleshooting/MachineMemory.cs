using System.Globalization;

namespace Ferry.Core.Troubleshooting;

/// <summary>The machine's available memory: MemAvailable from /proc/meminfo on Linux; null elsewhere (the caller
/// falls back to the runtime's view, which honours container limits).</summary>
public static class MachineMemory
{
    public static long? AvailableBytes()
    {
        const string path = "/proc/meminfo";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                && long.TryParse(line["MemAvailable:".Length..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            {
                return kib * 1024;
            }
        }

        return null;
    }
}
