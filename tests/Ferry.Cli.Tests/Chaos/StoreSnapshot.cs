using Ferry.Cli.Infrastructure;
using Ferry.Core.Quarantine;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Chaos;

/// <summary>
/// What a chaos trial compares with an uninterrupted run: every user collection of every database of the given stores
/// (documents by <c>_id</c>, indexes), and <c>_ferry_quarantine</c> by what it holds (collection, original document,
/// restored or not) rather than by run id or time, which differ between any two runs.
/// </summary>
internal sealed class StoreSnapshot
{
    private readonly Dictionary<string, Dictionary<string, string>> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _duplicates = new(StringComparer.Ordinal);

    /// <summary>How a trial's state differs from the uninterrupted run's (all zero when it converged).</summary>
    public sealed record Difference(long Lost, long Duplicated, long Differing, IReadOnlyList<string> Examples)
    {
        public bool None => Lost == 0 && Duplicated == 0 && Differing == 0;
    }

    public static async Task<StoreSnapshot> TakeAsync(IEnumerable<string> storeFolders)
    {
        var snapshot = new StoreSnapshot();
        foreach (var folder in storeFolders.Where(Directory.Exists))
        {
            await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync("file:" + folder);
            foreach (var dbName in await store.ListDatabaseNamesAsync())
            {
                var db = store.GetDatabase(dbName);
                foreach (var info in await db.ListCollectionsAsync())
                {
                    if (info.Name.StartsWith("_ferry_", StringComparison.Ordinal) && info.Name != QuarantineStore.CollectionName)
                    {
                        continue; // the journal, locks and changelog hold run ids and times: they differ by design
                    }

                    var key = $"{Path.GetFileName(folder)}/{dbName}.{info.Name}";
                    await snapshot.AddCollectionAsync(key, db.GetCollection(info.Name), info.Name == QuarantineStore.CollectionName);
                }
            }
        }

        return snapshot;
    }

    public Difference Compare(StoreSnapshot actual)
    {
        long lost = 0, duplicated = 0, differing = 0;
        var examples = new List<string>();
        void Note(string what)
        {
            if (examples.Count < 5)
            {
                examples.Add(what);
            }
        }

        foreach (var (name, expected) in _collections)
        {
            var got = actual._collections.GetValueOrDefault(name) ?? [];
            foreach (var (id, bytes) in expected)
            {
                if (!got.TryGetValue(id, out var other))
                {
                    lost++;
                    Note($"{name} {id}: lost");
                }
                else if (other != bytes)
                {
                    differing++;
                    Note($"{name} {id}: differs");
                }
            }

            foreach (var id in got.Keys.Where(id => !expected.ContainsKey(id)))
            {
                duplicated++;
                Note($"{name} {id}: not in the uninterrupted run");
            }
        }

        foreach (var (name, got) in actual._collections.Where(c => !_collections.ContainsKey(c.Key)))
        {
            duplicated += got.Count;
            Note($"{name}: a collection the uninterrupted run does not have ({got.Count} document(s))");
        }

        foreach (var (name, ids) in actual._duplicates)
        {
            duplicated += ids.Count;
            Note($"{name}: {ids.Count} document(s) twice, e.g. {ids[0]}");
        }

        return new Difference(lost, duplicated, differing, examples);
    }

    private async Task AddCollectionAsync(string key, IDocumentCollection collection, bool quarantine)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var raw in collection.ScanAsync())
        {
            using (raw)
            {
                var doc = raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings());
                string id;
                if (quarantine)
                {
                    // Run ids and times differ between any two runs: an entry is its namespace, its document, restored or not.
                    id = doc["ns"].AsString + " " + doc["document"]["_id"].ToJson();
                    doc = new BsonDocument { { "ns", doc["ns"] }, { "reason", doc["reason"] }, { "document", doc["document"] }, { "restored", !doc["restored_at"].IsBsonNull } };
                }
                else
                {
                    id = doc["_id"].ToJson();
                }

                Normalize(doc);
                var text = doc.ToJson();
                if (!documents.TryAdd(id, text))
                {
                    // Two entries for one document (the quarantine of a repair killed and started again under a new run id).
                    if (!_duplicates.TryGetValue(key, out var list))
                    {
                        _duplicates[key] = list = [];
                    }

                    list.Add(id);
                }
            }
        }

        var indexes = await collection.ListIndexesAsync();
        documents["indexes"] = new BsonArray(indexes.OrderBy(i => i["name"].AsString, StringComparer.Ordinal)).ToJson();
        _collections[key] = documents;
    }

    /// <summary>bcrypt hashes carry a per-run salt: two runs hash the same password differently. Keep the scheme only.</summary>
    private static void Normalize(BsonDocument doc)
    {
        foreach (var element in doc.ToList())
        {
            if (element.Name == "password_hash" && element.Value is BsonString hash)
            {
                doc[element.Name] = hash.Value[..Math.Min(7, hash.Value.Length)];
            }
            else if (element.Value is BsonDocument inner)
            {
                Normalize(inner);
            }
        }
    }
}
