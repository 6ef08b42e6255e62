using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Query.Projection;
using Ferry.Query.Updates;
using Ferry.Store.Embedded.Storage;
using Ferry.Store.Embedded.Writes;
using MongoDB.Bson;

namespace Ferry.Store.Embedded;

/// <summary>Writes of <see cref="EmbeddedCollection"/>: bulk writes (one transaction per batch) and findAndModify.</summary>
public sealed partial class EmbeddedCollection
{
    public async Task<BulkWriteResult> BulkWriteAsync(IReadOnlyList<WriteRequest> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BulkWriteOptions();
        if (requests.Count == 0)
        {
            throw ErrorCodes.Create(ErrorCodes.InvalidLength, "Write batch sizes must be between 1 and 100000. Got 0 operations.");
        }

        var createsDocuments = requests.Any(r => r is InsertRequest or ReplaceRequest { IsUpsert: true } or UpdateRequest { IsUpsert: true });

        // Inserts are serialised and checked before the database's gate is taken, so concurrent writers (a
        // transform's partitions, its id map and documents) do that CPU work in parallel; the gate covers the SQL.
        var prepared = PrepareInserts(requests);
        var (result, errors) = await File.WriteAsync(
            session =>
            {
                var meta = createsDocuments ? Catalog.GetOrCreate(session, Name, _database.Time) : Catalog.Find(session, Name);
                if (meta is null)
                {
                    return (BulkWriteResult.Empty, new List<BulkWriteError>());
                }

                using var writer = NewWriter(session, meta, options.BypassDocumentValidation);
                var failures = new List<BulkWriteError>();
                for (var i = 0; i < requests.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        switch (prepared[i])
                        {
                            case MqlException invalid:
                                throw invalid;
                            case PreparedDocument insert:
                                writer.Insert(i, insert);
                                break;
                            default:
                                writer.Apply(i, requests[i]);
                                break;
                        }
                    }
                    catch (MqlException e)
                    {
                        failures.Add(new BulkWriteError(i, e.Code, e.CodeName, e.Message));
                        if (options.IsOrdered)
                        {
                            break;
                        }
                    }
                }

                _database.FlushIndexUses(session);
                return (writer.Result, failures);
            },
            cancellationToken).ConfigureAwait(false);

        if (errors.Count > 0)
        {
            throw new BulkWriteFailedException(result, errors);
        }

        return result;
    }

    public Task<BsonDocument?> FindOneAndUpdateAsync(BsonDocument filter, BsonValue update, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FindOneAndModifyOptions();
        var spec = UpdateSpec.Parse(update, options.ArrayFilters, _database.Context);
        return FindOneAndModifyAsync(filter, options, spec, null, cancellationToken);
    }

    public Task<BsonDocument?> FindOneAndReplaceAsync(BsonDocument filter, BsonDocument replacement, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndModifyAsync(filter, options ?? new FindOneAndModifyOptions(), UpdateSpec.Replacement(replacement), replacement, cancellationToken);

    public Task<BsonDocument?> FindOneAndDeleteAsync(BsonDocument filter, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndModifyAsync(filter, options ?? new FindOneAndModifyOptions(), null, null, cancellationToken);

    /// <summary>Finds the first document (by sort) and updates, replaces (<paramref name="spec"/>) or deletes it (null spec).</summary>
    private Task<BsonDocument?> FindOneAndModifyAsync(BsonDocument filter, FindOneAndModifyOptions options, UpdateSpec? spec, BsonDocument? replacement, CancellationToken cancellationToken)
    {
        var projection = options.Projection is { ElementCount: > 0 } p ? ProjectionSpec.Compile(p, _database.Context) : null;
        return File.WriteAsync(
            session =>
            {
                var upsert = spec is not null && options.IsUpsert;
                var meta = upsert ? Catalog.GetOrCreate(session, Name, _database.Time) : Catalog.Find(session, Name);
                if (meta is null)
                {
                    return null;
                }

                using var writer = NewWriter(session, meta, bypassValidation: false);
                var found = writer.FindOne(filter, options.Sort);
                if (found is not { } target)
                {
                    if (!upsert)
                    {
                        return null;
                    }

                    var inserted = writer.InsertUpsert(0, filter, spec!, replacement);
                    return options.ReturnDocument == ReturnDocument.After ? Shape(inserted.Document, null) : null;
                }

                if (spec is null)
                {
                    writer.Remove(target.Stored, target.Document);
                    return Shape(target.Document, target.Details);
                }

                var after = writer.ApplyUpdate(target.Stored, target.Document, spec, target.Details, replacement);
                return options.ReturnDocument == ReturnDocument.After ? Shape(after, target.Details) : Shape(target.Document, target.Details);
            },
            cancellationToken);

        BsonDocument Shape(BsonDocument document, Ferry.Query.Filters.MatchDetails? details) =>
            projection is null ? document : projection.Apply(document, details);
    }

    /// <summary>Per request: the prepared document of an insert, the error that refuses it, or null (not an insert).</summary>
    private static object?[] PrepareInserts(IReadOnlyList<WriteRequest> requests)
    {
        var prepared = new object?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i] is InsertRequest insert)
            {
                try
                {
                    prepared[i] = Documents.PrepareInsert(Documents.MoveIdFirst(insert.Document));
                }
                catch (MqlException e)
                {
                    prepared[i] = e;
                }
            }
        }

        return prepared;
    }

    private BatchWriter NewWriter(SqlSession session, CollectionMeta meta, bool bypassValidation) =>
        new(session, meta, _database.Name, bypassValidation, _database.Context, index => _database.CountIndexUse(Name, index));
}
