using System.Collections.Concurrent;
using System.Security.Cryptography;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Serve.Cursors;

/// <summary>
/// The server's open cursors, shared by every connection (a driver may send getMore on any pooled connection).
/// Ids are random positive 64-bit numbers; a cursor idle longer than the timeout (MongoDB's 10 minutes) is closed.
/// </summary>
internal sealed class CursorRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, ServerCursor> _cursors = new();
    private readonly TimeSpan _idleTimeout;

    public CursorRegistry(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
    }

    public int Count => _cursors.Count;

    /// <summary>Runs the first batch; the cursor stays registered only when documents remain (else the reply's id is 0).</summary>
    public async Task<BsonDocument> OpenAsync(string ns, IAsyncEnumerable<BsonDocument> results, int? batchSize, bool singleBatch, CancellationToken cancellationToken)
    {
        var cursor = new ServerCursor(NewId(), ns, results.GetAsyncEnumerator(CancellationToken.None));
        BsonArray batch;
        try
        {
            batch = await cursor.NextBatchAsync(batchSize ?? ServerCursor.DefaultFirstBatch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cursor.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var id = 0L;
        if (cursor.IsExhausted || singleBatch)
        {
            await cursor.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            cursor.Release();
            _cursors[cursor.Id] = cursor;
            id = cursor.Id;
        }

        return Reply(id, ns, "firstBatch", batch);
    }

    public async Task<BsonDocument> GetMoreAsync(long id, string ns, int? batchSize, CancellationToken cancellationToken)
    {
        if (!_cursors.TryGetValue(id, out var cursor))
        {
            throw ErrorCodes.Create(ErrorCodes.CursorNotFound, $"cursor id {id} not found");
        }

        if (cursor.Namespace != ns)
        {
            throw Commands.ServerErrors.Unauthorized($"Requested getMore on namespace '{ns}', but cursor belongs to a different namespace {cursor.Namespace}");
        }

        if (!cursor.TryClaim())
        {
            throw Commands.ServerErrors.CursorInUse($"cursor id {id} is already in use");
        }

        BsonArray batch;
        try
        {
            batch = await cursor.NextBatchAsync(batchSize, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await KillAsync(id).ConfigureAwait(false);
            throw;
        }

        if (cursor.IsExhausted)
        {
            await KillAsync(id).ConfigureAwait(false);
            return Reply(0, ns, "nextBatch", batch);
        }

        cursor.Release();
        return Reply(id, ns, "nextBatch", batch);
    }

    /// <summary>Closes a cursor; false when it was not open.</summary>
    public async Task<bool> KillAsync(long id)
    {
        if (!_cursors.TryRemove(id, out var cursor))
        {
            return false;
        }

        await cursor.DisposeAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Closes cursors idle longer than the timeout (not ones a request is using).</summary>
    public async Task SweepAsync()
    {
        var now = Environment.TickCount64;
        foreach (var cursor in _cursors.Values)
        {
            if (now - cursor.LastUsedTicks > _idleTimeout.TotalMilliseconds && cursor.TryClaim())
            {
                await KillAsync(cursor.Id).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _cursors.Keys)
        {
            await KillAsync(id).ConfigureAwait(false);
        }
    }

    private static BsonDocument Reply(long id, string ns, string batchField, BsonArray batch) => new()
    {
        { "cursor", new BsonDocument { { batchField, batch }, { "id", id }, { "ns", ns } } },
        { "ok", 1.0 },
    };

    private static long NewId() => RandomNumberGenerator.GetInt32(1, int.MaxValue) * (long)int.MaxValue + RandomNumberGenerator.GetInt32(int.MaxValue);
}
