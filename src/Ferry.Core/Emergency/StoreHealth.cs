using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Emergency;

/// <summary>
/// The health check after a recovery: the store answers (lists its databases, pings each one) and, on the embedded
/// store, each database file passes SQLite's quick_check. Returns "ok" or the first problem.
/// </summary>
public static class StoreHealth
{
    public static async Task<string> CheckAsync(IDocumentStore store, IReadOnlyList<string> databases, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var name in databases)
            {
                var database = store.GetDatabase(name);
                await database.RunCommandAsync(new BsonDocument("ping", 1), cancellationToken).ConfigureAwait(false);
                if ((await store.GetServerInfoAsync(cancellationToken).ConfigureAwait(false)).Kind == "embedded")
                {
                    var check = await database.RunCommandAsync(new BsonDocument("ferryQuickCheck", 1), cancellationToken).ConfigureAwait(false);
                    if (check.GetValue("result", "ok").AsString != "ok")
                    {
                        return $"{name}: quick_check: {check["result"].AsString}";
                    }
                }
            }

            return "ok";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"the store did not answer: {UriRedactor.RedactText(e.Message)}";
        }
    }
}
