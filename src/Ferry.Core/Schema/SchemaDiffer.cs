using Ferry.Core.Indexes;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Schema;

/// <summary>
/// What would make a database match a <see cref="SchemaDeclaration"/>, in the order it must be done: collections
/// created, indexes dropped before their replacements are built, validation set, reference documents upserted and
/// removed, collections dropped. Reads only.
/// </summary>
public sealed class SchemaDiffer(IDocumentDatabase database)
{
    public async Task<IReadOnlyList<SchemaChange>> DiffAsync(SchemaDeclaration schema, CancellationToken cancellationToken = default)
    {
        var existing = (await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var changes = new List<SchemaChange>();
        foreach (var collection in schema.Collections)
        {
            existing.TryGetValue(collection.Name, out var info);
            if (collection.Absent)
            {
                if (info is not null)
                {
                    var count = await database.GetCollection(collection.Name).CountAsync(null, cancellationToken).ConfigureAwait(false);
                    changes.Add(new SchemaChange(SchemaChange.DropCollection, collection.Name, $"drop collection {collection.Name} ({count} document(s))", Destructive: true));
                }

                continue;
            }

            if (info is null)
            {
                var options = collection.ManagesValidation ? Validation(collection, null) : null;
                changes.Add(new SchemaChange(SchemaChange.CreateCollection, collection.Name,
                    $"create collection {collection.Name}{(collection.ManagesValidation ? " with its validator" : string.Empty)}", Destructive: false) { After = options });
            }
            else if (collection.ManagesValidation)
            {
                var current = Validation(null, info.Options);
                var wanted = Validation(collection, info.Options);
                if (!current.Equals(wanted))
                {
                    changes.Add(new SchemaChange(SchemaChange.SetValidation, collection.Name, $"set the validation of {collection.Name}: {Describe(current, wanted)}", Destructive: false) { Before = current, After = wanted });
                }
            }

            if (collection.Indexes is { } indexes)
            {
                changes.AddRange(await IndexChangesAsync(collection.Name, indexes, info is null, cancellationToken).ConfigureAwait(false));
            }

            if (collection.Data is { } data)
            {
                changes.AddRange(await DataChangesAsync(collection.Name, data, info is null, cancellationToken).ConfigureAwait(false));
            }
        }

        return [.. changes.OrderBy(c => Order(c.Action))];
    }

    private static int Order(string action) => action switch
    {
        SchemaChange.CreateCollection => 0,
        SchemaChange.DropIndex => 1,
        SchemaChange.CreateIndex => 2,
        SchemaChange.SetValidation => 3,
        SchemaChange.UpsertDocument => 4,
        SchemaChange.RemoveDocument => 5,
        _ => 6,
    };

    // The validation options as MongoDB keeps them: validator, validationLevel, validationAction, with MongoDB's
    // defaults where none is set; the declared ones override, the undeclared keep what the collection has.
    private static BsonDocument Validation(CollectionSchema? declared, BsonDocument? options)
    {
        var result = new BsonDocument
        {
            { "validator", declared?.Validator ?? options?.GetValue("validator", null) as BsonDocument ?? [] },
            { "validationLevel", declared?.ValidationLevel ?? options?.GetValue("validationLevel", null)?.AsString ?? "strict" },
            { "validationAction", declared?.ValidationAction ?? options?.GetValue("validationAction", null)?.AsString ?? "error" },
        };
        return result;
    }

    private static string Describe(BsonDocument current, BsonDocument wanted) => string.Join("; ",
        wanted.Where(e => !e.Value.Equals(current[e.Name])).Select(e => $"{e.Name} {current[e.Name]} -> {e.Value}"));

    private async Task<List<SchemaChange>> IndexChangesAsync(string collection, IReadOnlyList<IndexDeclaration> declared, bool created, CancellationToken cancellationToken)
    {
        var existing = created ? [] : (await IndexSpecs.ExistingAsync(database.GetCollection(collection), cancellationToken).ConfigureAwait(false))
            .Where(i => i.GetValue("name", "").AsString != "_id_").ToList();
        var changes = new List<SchemaChange>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in declared)
        {
            var twin = existing.FirstOrDefault(e => e["name"].AsString == index.Name);
            if (twin is not null && IndexSpecs.SameDefinition(index.Spec, twin))
            {
                kept.Add(index.Name);
                continue;
            }

            changes.Add(new SchemaChange(SchemaChange.CreateIndex, collection, $"create index {index.Name} {index.Key} on {collection}", Destructive: false) { After = index.Spec });
        }

        foreach (var index in existing.Where(e => !kept.Contains(e["name"].AsString)))
        {
            var name = index["name"].AsString;
            var why = declared.Any(d => d.Name == name) ? "its definition differs from the declared one" : "it is not declared";
            changes.Add(new SchemaChange(SchemaChange.DropIndex, collection, $"drop index {name} {index["key"]} on {collection} ({why})", Destructive: true) { Before = Spec(index) });
        }

        return changes;
    }

    // An index as listIndexes returns it, as a createIndexes spec (without the server's own fields).
    private static BsonDocument Spec(BsonDocument index) => new(index.Where(e => e.Name is not ("v" or "ns")));

    private async Task<List<SchemaChange>> DataChangesAsync(string collection, ReferenceData data, bool created, CancellationToken cancellationToken)
    {
        var changes = new List<SchemaChange>();
        var store = database.GetCollection(collection);
        var declaredKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in data.Documents)
        {
            var filter = data.FilterOf(document);
            declaredKeys.Add(filter.ToJson());
            var stored = created ? null : await store.FindOneAsync(filter, null, cancellationToken).ConfigureAwait(false);
            if (stored is not null && SameContent(document, stored))
            {
                continue;
            }

            var description = stored is null ? $"insert into {collection} the document {filter}" : $"replace in {collection} the document {filter}";
            changes.Add(new SchemaChange(SchemaChange.UpsertDocument, collection, description, Destructive: false) { Before = stored, After = document, Filter = filter });
        }

        if (data.Prune && !created)
        {
            await foreach (var raw in store.ScanAsync(new ScanOptions(), cancellationToken).ConfigureAwait(false))
            {
                BsonDocument stored;
                using (raw)
                {
                    stored = raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings());
                }

                if (data.Key.All(stored.Contains) && declaredKeys.Contains(new BsonDocument(data.Key.Select(k => new BsonElement(k, stored[k]))).ToJson()))
                {
                    continue;
                }

                var id = stored.GetValue("_id", BsonNull.Value);
                changes.Add(new SchemaChange(SchemaChange.RemoveDocument, collection, $"remove from {collection} the undeclared document _id {id}", Destructive: true)
                    { Before = stored, Filter = new BsonDocument("_id", id) });
            }
        }

        return changes;
    }

    // The stored document matches when it is the declared one, plus the _id the store gave it if none was declared.
    private static bool SameContent(BsonDocument declared, BsonDocument stored)
    {
        var comparable = declared.Contains("_id") ? stored : new BsonDocument(stored.Where(e => e.Name != "_id"));
        return comparable.Equals(declared);
    }
}
