using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Transfer;

/// <summary>
/// The write pass of an import: batches documents into unordered bulk writes, maps store errors back to line
/// numbers, and (insert mode, without ContinueOnError) removes everything it inserted when the store rejects a
/// document, so a failed import leaves the collection as it found it.
/// </summary>
internal sealed class ImportWriter(IDocumentCollection collection, string file, ImportOptions options, ImportErrorLog errors)
{
    private readonly List<(long Line, WriteRequest Request)> _batch = [];
    private readonly List<BsonValue> _insertedIds = [];
    private long _inserted;
    private long _replaced;

    public long Lines { get; private set; }

    public async Task AddAsync(long line, BsonDocument document, CancellationToken cancellationToken)
    {
        Lines++;
        if (!document.Contains("_id"))
        {
            // Assign the id here (as drivers do) so a rollback knows what to remove.
            document.InsertAt(0, new BsonElement("_id", ObjectId.GenerateNewId()));
        }

        WriteRequest request = options.Mode == ImportMode.Upsert
            ? new ReplaceRequest(new BsonDocument("_id", document["_id"]), document, IsUpsert: true)
            : new InsertRequest(document);
        _batch.Add((line, request));
        if (_batch.Count >= options.BatchSize)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        var requests = _batch.Select(b => b.Request).ToList();
        try
        {
            Count(await collection.BulkWriteAsync(requests, cancellationToken: cancellationToken).ConfigureAwait(false), failed: []);
        }
        catch (BulkWriteFailedException e)
        {
            var failed = e.WriteErrors.Select(w => w.Index).ToHashSet();
            Count(e.Result, failed);
            foreach (var error in e.WriteErrors)
            {
                errors.Add(_batch[error.Index].Line, $"{error.Message} (code {error.Code}, {error.CodeName})");
            }

            if (!options.ContinueOnError)
            {
                var first = errors.First.Format(file);
                _batch.Clear();
                throw await RollBackAsync(first, cancellationToken).ConfigureAwait(false);
            }
        }

        _batch.Clear();
    }

    public ImportResult Result(string collectionName) => new()
    {
        File = file,
        Collection = collectionName,
        Mode = options.Mode,
        Lines = Lines + (errors.Count - StoreRejections),
        Inserted = _inserted,
        Replaced = _replaced,
        Failed = errors.Count,
        Errors = errors.Kept,
    };

    private long StoreRejections { get; set; }

    private void Count(BulkWriteResult result, HashSet<int> failed)
    {
        StoreRejections += failed.Count;
        _replaced += result.MatchedCount;
        _inserted += result.InsertedCount + result.UpsertedCount;
        if (options.Mode == ImportMode.Insert && !options.ContinueOnError)
        {
            for (var i = 0; i < _batch.Count; i++)
            {
                if (!failed.Contains(i))
                {
                    _insertedIds.Add(((InsertRequest)_batch[i].Request).Document["_id"]);
                }
            }
        }
    }

    private async Task<UserInputException> RollBackAsync(string firstError, CancellationToken cancellationToken)
    {
        if (options.Mode == ImportMode.Upsert)
        {
            return new UserInputException($"{firstError}; the import stopped there: documents of earlier batches were written ({_inserted} inserted, {_replaced} replaced)");
        }

        // Not cancellable: leaving half an import behind is what this is here to prevent.
        foreach (var chunk in _insertedIds.Chunk(options.BatchSize))
        {
            var deletes = chunk.Select(id => (WriteRequest)new DeleteRequest(new BsonDocument("_id", id))).ToList();
            await collection.BulkWriteAsync(deletes, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }

        return new UserInputException($"{firstError}; nothing was imported (use --continue-on-error to import the other lines)");
    }
}
