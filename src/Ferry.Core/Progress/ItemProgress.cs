namespace Ferry.Core.Progress;

/// <summary>Progress of one item of work (a collection, a file): how much is done of how much.</summary>
public sealed record ItemProgress(string Item, long Done, long Total);
