namespace Ferry.Demo.Workflow;

/// <summary>
/// A progress report of the demo: a message from a step (<see cref="Collection"/> null), or how far a collection
/// has been written (<see cref="Done"/> of <see cref="Total"/> documents).
/// </summary>
public sealed record DemoProgress(string Step, string Message)
{
    public string? Collection { get; init; }

    public long Done { get; init; }

    public long Total { get; init; }

    public bool IsCollectionProgress => Collection is not null;
}
