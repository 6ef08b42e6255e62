using Ferry.Core.Errors;

namespace Ferry.Core.Runs;

/// <summary>Another run holds the lock of a database: the CLI prints the one-line message and exits 1 (nothing written).</summary>
public sealed class DatabaseLockedException(string database, string holder, TimeSpan? waited)
    : OperationFailedException(
        $"{database}: another run holds the lock: {holder}" +
        (waited is { } w ? $"; still held after waiting {w.TotalSeconds:0} s" : "; wait for it with --wait [SECONDS]") +
        ", or if that process is gone, rerun with --force-unlock (a live run would then go on unprotected)")
{
    public string Database { get; } = database;

    public string Holder { get; } = holder;
}
