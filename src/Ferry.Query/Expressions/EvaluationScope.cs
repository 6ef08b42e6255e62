using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>
/// The state one evaluation sees: the root document ($$ROOT), the current one ($$CURRENT), the values of local variables
/// ($let, $map/$filter/$reduce) in slots numbered at compile time, and the operation's fixed $$NOW.
/// </summary>
internal sealed class EvaluationScope
{
    public EvaluationScope(BsonDocument root, int slotCount, DateTime now, BsonDocument? current = null)
    {
        Root = root;
        Current = current ?? root;
        Slots = slotCount == 0 ? [] : new BsonValue?[slotCount];
        Now = now;
    }

    public BsonDocument Root { get; }

    /// <summary>$$CURRENT, where plain field paths start: the root, except inside $redact's descent.</summary>
    public BsonDocument Current { get; }

    public BsonValue?[] Slots { get; }

    /// <summary>$$NOW: one instant for the whole operation, as MongoDB fixes it per command.</summary>
    public DateTime Now { get; }
}
