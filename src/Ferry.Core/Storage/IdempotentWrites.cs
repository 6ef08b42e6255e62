using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>
/// Writes documents whose <c>_id</c>s are deterministic so that writing them twice is harmless. Inserts first — the
/// common case, and the fast one — and replaces only the documents whose <c>_id</c> already exists (a batch that a
/// resumed run re-processes), so a resume converges on exactly what an uninterrupted run wrote.
/// </summary>
public static class IdempotentWrites
{
    public static async Task InsertOrReplaceAsync(this IDocumentCollection collection, IReadOnlyList<BsonDocument> documents, CancellationToken cancellationToken = default)
    {
        if (documents.Count == 0)
        {
            return;
        }

        try
        {
            await collection.BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList(), new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (BulkWriteFailedException e) when (e.WriteErrors.All(w => w.Code == ErrorCodes.DuplicateKey))
        {
            var replacements = e.WriteErrors.Select(w => documents[w.Index])
                .Select(d => (WriteRequest)new ReplaceRequest(new BsonDocument("_id", d["_id"]), d, IsUpsert: true)).ToList();
            await collection.BulkWriteAsync(replacements, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
        }
    }
}
