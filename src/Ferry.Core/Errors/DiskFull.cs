using System.Globalization;

namespace Ferry.Core.Errors;

/// <summary>
/// Recognises a write that failed for lack of space (a full disk, a quota or a file-size limit) and words it as one
/// line naming the file, the free space left and what to do, instead of the system's "disk I/O error" without a file.
/// </summary>
public static class DiskFull
{
    // errno values .NET puts in IOException.HResult on Unix (EFBIG 27, ENOSPC 28, EDQUOT 122), and Windows'
    // ERROR_HANDLE_DISK_FULL / ERROR_DISK_FULL as HRESULTs.
    private static readonly int[] Codes = [27, 28, 122, unchecked((int)0x80070027), unchecked((int)0x80070070)];

    /// <summary>True when <paramref name="e"/> (or what it wraps) is an I/O error saying the disk (or the file's size limit) is full.
    /// .NET reports EFBIG from a write as an ArgumentOutOfRangeException ("Specified file length was too large for
    /// the file system"), without the file.</summary>
    public static bool Is(Exception e) => e switch
    {
        IOException io => Codes.Contains(io.HResult) || io.Message.Contains("No space left on device", StringComparison.Ordinal) || io.Message.Contains("File too large", StringComparison.Ordinal),
        ArgumentOutOfRangeException range => range.Message.Contains("file length was too large", StringComparison.Ordinal),
        _ => e.InnerException is { } inner && Is(inner),
    };

    /// <summary>The failed write to <paramref name="path"/> as a failed operation (exit 1), with the free space and how to go on.</summary>
    public static OperationFailedException Error(string path, string problem) =>
        new($"{path}: cannot write: {problem} ({FreeSpace(path)}); free space, then run the same command again (a journaled run resumes with --resume RUN, see ferry runs list; nothing half-written is reported as done)");

    private static string FreeSpace(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
            while (!Directory.Exists(folder) && Path.GetDirectoryName(folder) is { } parent)
            {
                folder = parent;
            }

            var drive = new DriveInfo(folder);
            return string.Create(CultureInfo.InvariantCulture, $"{Size(drive.AvailableFreeSpace)} free on {drive.RootDirectory.FullName}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "free space unknown";
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
    };
}
