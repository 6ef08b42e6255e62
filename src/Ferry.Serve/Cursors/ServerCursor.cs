using MongoDB.Bson;

namespace Ferry.Serve.Cursors;

/// <summary>
/// An open result stream that getMore continues: the store's enumerator (never the whole result in memory), one
/// document read ahead so a batch knows whether it was the last, and when it was last used (idle cursors time out).
/// </summary>
internal sealed class ServerCursor(long id, string ns, IAsyncEnumerator<BsonDocument> source) : IAsyncDisposable
{
    /// <summary>MongoDB's default first batch when the client names none.</summary>
    public const int DefaultFirstBatch = 101;

    /// <summary>A batch stops growing at 16 MiB of documents (at least one document is always sent).</summary>
    private const int MaxBatchBytes = Protocol.WireLimits.MaxBsonObjectSize;

    private RawBsonDocument? _next;
    private bool _exhausted;
    private int _inUse;

    public long Id { get; } = id;

    public string Namespace { get; } = ns;

    public long LastUsedTicks { get; private set; } = Environment.TickCount64;

    public bool IsExhausted => _exhausted && _next is null;

    /// <summary>Claims the cursor for one request; false when another request is using it.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _inUse, 1, 0) == 0;

    public void Release()
    {
        LastUsedTicks = Environment.TickCount64;
        Volatile.Write(ref _inUse, 0);
    }

    /// <summary>Up to <paramref name="batchSize"/> documents (null or 0: as many as fit in 16 MiB), each serialized once.</summary>
    public async Task<BsonArray> NextBatchAsync(int? batchSize, CancellationToken cancellationToken)
    {
        var limit = batchSize is > 0 ? batchSize.Value : int.MaxValue;
        var batch = new BsonArray();
        long bytes = 0;
        while (batch.Count < limit)
        {
            var next = _next ?? await ReadAsync(cancellationToken).ConfigureAwait(false);
            _next = null;
            if (next is null)
            {
                break;
            }

            if (batch.Count > 0 && bytes + next.Slice.Length > MaxBatchBytes)
            {
                _next = next;
                return batch;
            }

            batch.Add(next);
            bytes += next.Slice.Length;
        }

        // Read one ahead so the reply can say the cursor is finished (id 0) without another round trip.
        _next ??= await ReadAsync(cancellationToken).ConfigureAwait(false);
        return batch;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();

    private async Task<RawBsonDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_exhausted || !await source.MoveNextAsync().ConfigureAwait(false))
        {
            _exhausted = true;
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return source.Current as RawBsonDocument ?? new RawBsonDocument(source.Current.ToBson());
    }
}
