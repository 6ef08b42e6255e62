using System.Text.RegularExpressions;
using Ferry.Core.Errors;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// Words a file-system error that reached the top (a folder given where a file goes, a read-only or unreadable
/// path, a full disk) as one line naming the path and the problem: bad input (exit 2) for a path the user chose, a
/// failed operation (exit 1) for a full disk — never "unexpected error: Is a directory".
/// </summary>
internal static partial class FileErrors
{
    // errno values .NET puts in IOException.HResult on Unix.
    private const int NotADirectory = 20;
    private const int IsADirectory = 21;
    private const int ReadOnlyFileSystem = 30;

    /// <summary>The message and exit code for <paramref name="e"/>, or null when it is no file-system error.</summary>
    public static (string Message, int Exit)? Describe(Exception e)
    {
        var path = QuotedPath().Match(e.Message) is { Success: true } m ? m.Groups["path"].Value : null;
        if (DiskFull.Is(e))
        {
            return (DiskFull.Error(path ?? "a file", "the disk is full or a file-size limit was reached").Message, ExitCodes.Failed);
        }

        if (e is not (IOException or UnauthorizedAccessException))
        {
            return null;
        }

        if (path is null)
        {
            return null;
        }

        var problem = e switch
        {
            // What .NET says when a folder is opened as a file.
            UnauthorizedAccessException when Directory.Exists(path) => "is a folder, expected a file",
            UnauthorizedAccessException => "permission denied",
            IOException { HResult: IsADirectory } => "is a folder, expected a file",
            IOException { HResult: NotADirectory } => "a part of the path is a file, not a folder",
            IOException { HResult: ReadOnlyFileSystem } => "read-only file system",
            DirectoryNotFoundException or FileNotFoundException => "no such file or folder",
            _ => null,
        };
        return problem is null ? null : ($"{path}: {problem}", ExitCodes.BadInput);
    }

    [GeneratedRegex(@"'(?<path>[^']+)'")]
    private static partial Regex QuotedPath();
}
