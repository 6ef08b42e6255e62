using MongoDB.Bson;

namespace Ferry.Core.Migrations.DryRun;

/// <summary>
/// A write a migration would have made, captured by a dry run instead of being made: the namespace, the operation,
/// its filter and update (or document), and how many documents it would touch on the data as it is now
/// (counted with the filter; "one" operations count at most 1; an upsert matching nothing counts the insert).
/// </summary>
public sealed record RecordedWrite(string Namespace, string Operation, BsonDocument? Filter, BsonValue? Update, long Affected)
{
    public BsonDocument ToBson() => new()
    {
        { "ns", Namespace },
        { "op", Operation },
        { "filter", (BsonValue?)Filter ?? BsonNull.Value },
        { "update", Update ?? BsonNull.Value },
        { "affected", Affected },
    };

    public override string ToString() =>
        $"{Operation} {Namespace}" + (Filter is null ? string.Empty : " " + Filter.ToJson()) + (Update is null ? string.Empty : " " + Update.ToJson()) + $" → {Affected} document(s)";
}

/// <summary>The writes captured during one dry run, in the order they were attempted (thread-safe).</summary>
public sealed class WriteLog
{
    private readonly List<RecordedWrite> _writes = [];

    public IReadOnlyList<RecordedWrite> Writes
    {
        get
        {
            lock (_writes)
            {
                return _writes.ToList();
            }
        }
    }

    public void Add(RecordedWrite write)
    {
        lock (_writes)
        {
            _writes.Add(write);
        }
    }

    /// <summary>Takes the writes recorded so far and starts a new list (one per migration step).</summary>
    public IReadOnlyList<RecordedWrite> Drain()
    {
        lock (_writes)
        {
            var taken = _writes.ToList();
            _writes.Clear();
            return taken;
        }
    }
}
