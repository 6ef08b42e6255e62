namespace Ferry.Cli.Infrastructure;

/// <summary>Every verb's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Done, and every check held.</summary>
    public const int Ok = 0;

    /// <summary>A check or a migration failed (validation errors, a failed backup verify, a failed run), or another run
    /// holds the database's run lock (see docs/runs.md, Locks).</summary>
    public const int Failed = 1;

    /// <summary>Bad input or usage: nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl-C.</summary>
    public const int Cancelled = 130;
}
