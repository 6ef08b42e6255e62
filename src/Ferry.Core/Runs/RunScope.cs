namespace Ferry.Core.Runs;

/// <summary>
/// The plan run (or other parent) that runs started in this async flow belong to. A plan step calls a verb's engine
/// as a library; rather than thread a parent id through every verb's options, the step opens a scope and
/// <see cref="RunJournal.StartAsync"/> records <c>parent_run_id</c> from it.
/// </summary>
public static class RunScope
{
    private static readonly AsyncLocal<string?> Parent = new();

    /// <summary>The parent run id of runs started here, or null.</summary>
    public static string? CurrentParent => Parent.Value;

    /// <summary>Runs started until the handle is disposed are children of <paramref name="parentRunId"/>.</summary>
    public static IDisposable Begin(string parentRunId)
    {
        var previous = Parent.Value;
        Parent.Value = parentRunId;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Parent.Value = previous;
    }
}
