using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>
/// Writes documents whose <c>_id</c>s are deterministic so that writing them twice is harmless. Inserts first — the
/// common case, and the fast one — and replaces only the documents whose <c>_id</c> already exists (a batch that a
/// resumed run re-processes), so a resume converges on exactly what an uninterrupted run wrote.
/// </summary>
public static partial class IdempotentWrites
{
    /// <summary>
    /// Writes <paramref name="documents"/>; returns those the store refused on their own account — a unique secondary
    /// index or the collection's validator — by position, with the store's message, so the caller can quarantine them.
    /// Any other failure is thrown.
    /// </summary>
    public static async Task<IReadOnlyList<(int Index, string Reason)>> InsertOrReplaceAsync(this IDocumentCollection collection, IReadOnlyList<BsonDocument> documents, CancellationToken cancellationToken = default)
    {
        var refused = new List<(int Index, string Reason)>();
        if (documents.Count == 0)
        {
            return refused;
        }

        try
        {
            await collection.BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList(), new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (BulkWriteFailedException e) when (e.WriteErrors.All(IsPerDocument))
        {
            // Only an existing _id means "this batch is being written again": those are replaced; the rest are refused.
            var existing = e.WriteErrors.Where(IsExistingId).Select(w => w.Index).ToList();
            refused.AddRange(e.WriteErrors.Where(w => !IsExistingId(w)).Select(w => (w.Index, w.Message)));
            if (existing.Count > 0)
            {
                var replacements = existing.Select(i => (WriteRequest)new ReplaceRequest(new BsonDocument("_id", documents[i]["_id"]), documents[i], IsUpsert: true)).ToList();
                try
                {
                    await collection.BulkWriteAsync(replacements, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
                }
                catch (BulkWriteFailedException r) when (r.WriteErrors.All(IsPerDocument))
                {
                    refused.AddRange(r.WriteErrors.Select(w => (existing[w.Index], w.Message)));
                }
            }
        }

        return refused.OrderBy(r => r.Index).ToList();
    }

    private static bool IsPerDocument(BulkWriteError error) => error.Code is ErrorCodes.DuplicateKey or ErrorCodes.DocumentValidationFailure;

    private static bool IsExistingId(BulkWriteError error) => error.Code == ErrorCodes.DuplicateKey && IdIndex().IsMatch(error.Message);

    [System.Text.RegularExpressions.GeneratedRegex(@" index: _id_ dup key", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex IdIndex();
}
