using Ferry.Core.Errors;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// A backup file (a <c>.bson</c> stream, a <c>metadata.json</c>, an archive, a manifest) is truncated or corrupt.
/// It is bad user input, so the CLI exits 2 with one line naming the file, the byte offset and what was expected.
/// </summary>
public sealed class BackupFormatException : UserInputException
{
    public BackupFormatException(string file, long offset, string problem)
        : base($"{file}: byte {offset}: {problem}")
    {
        File = file;
        Offset = offset;
        Problem = problem;
    }

    public BackupFormatException(string file, long offset, string problem, Exception inner)
        : base($"{file}: byte {offset}: {problem}", inner)
    {
        File = file;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>A problem of the file as a whole (a manifest field, a checksum), not at a byte offset.</summary>
    public BackupFormatException(string file, string problem)
        : base($"{file}: {problem}")
    {
        File = file;
        Problem = problem;
        HasOffset = false;
    }

    /// <summary>False for whole-file problems, whose <see cref="Offset"/> means nothing.</summary>
    public bool HasOffset { get; } = true;

    /// <summary>The file (relative to the backup) or archive namespace the problem is in.</summary>
    public string File { get; }

    /// <summary>Byte offset in the (decompressed) stream where the problem starts.</summary>
    public long Offset { get; }

    /// <summary>What was wrong and what was expected.</summary>
    public string Problem { get; }
}
