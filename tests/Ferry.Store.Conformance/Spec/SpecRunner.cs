using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Store.Conformance.Targets;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Spec;

/// <summary>
/// Runs one <see cref="SpecTest"/> on a store: creates the entities (database and collection handles; spec
/// database names map to fresh unique databases), loads the initial data, runs each operation and checks its
/// result or error with <see cref="UnifiedMatcher"/>, then compares the outcome (collection contents in
/// <c>_id</c> order). Command-monitoring expectations (<c>expectEvents</c>) are not checked: a store emits no
/// command events; the results and outcome of those tests are still checked.
/// </summary>
public sealed class SpecRunner(TestDatabase db)
{
    private readonly Dictionary<string, string> _databaseNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IDocumentDatabase> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IDocumentCollection> _collections = new(StringComparer.Ordinal);

    /// <summary>Databases created beyond the test database, dropped by <see cref="CleanUpAsync"/>.</summary>
    public IEnumerable<string> ExtraDatabases => _databaseNames.Values.Where(n => n != db.Database.Name);

    public async Task RunAsync(SpecTest test)
    {
        if (test.LoadErrors.Count > 0)
        {
            throw new SpecFailureException("the spec file is not valid: " + string.Join("; ", test.LoadErrors.Take(5)));
        }

        CreateEntities(test.CreateEntities);
        foreach (var data in test.InitialData)
        {
            var database = Database(data["databaseName"].AsString);
            var name = data["collectionName"].AsString;
            await database.DropCollectionAsync(name);
            await database.CreateCollectionAsync(name, data.GetValue("createOptions", new BsonDocument()).AsBsonDocument);
            var documents = data["documents"].AsBsonArray;
            if (documents.Count > 0)
            {
                await database.GetCollection(name).BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(d.AsBsonDocument.DeepClone().AsBsonDocument)).ToList(), new BulkWriteOptions { IsOrdered = true });
            }
        }

        for (var i = 0; i < test.Operations.Count; i++)
        {
            await RunOperationAsync(test.Operations[i], $"operation {i} ({test.Operations[i]["name"]})");
        }

        foreach (var expected in test.Outcome ?? [])
        {
            var collection = Database(expected["databaseName"].AsString).GetCollection(expected["collectionName"].AsString);
            var actual = new BsonArray(await collection.FindAsync(new BsonDocument(), new FindOptions { Sort = new BsonDocument("_id", 1) }).ToListAsync());
            var failure = UnifiedMatcher.Match(expected["documents"], actual, isRoot: false, "outcome." + expected["collectionName"]);
            if (failure is not null)
            {
                throw new SpecFailureException(failure);
            }
        }
    }

    public async Task CleanUpAsync()
    {
        foreach (var name in ExtraDatabases)
        {
            await db.Store.DropDatabaseAsync(name);
        }
    }

    private async Task RunOperationAsync(BsonDocument operation, string label)
    {
        var name = operation["name"].AsString;
        var target = operation["object"].AsString;
        var arguments = operation.GetValue("arguments", new BsonDocument()).AsBsonDocument;
        BsonValue? result = null;
        Exception? error = null;
        try
        {
            result = target switch
            {
                _ when _collections.TryGetValue(target, out var collection) => await SpecOperations.RunAsync(collection, name, arguments),
                _ when _databases.TryGetValue(target, out var database) => await RunDatabaseOperationAsync(database, name, arguments),
                _ => throw new SpecFailureException($"{label}: unknown entity '{target}'"),
            };
        }
        catch (SpecFailureException)
        {
            throw;
        }
        catch (Exception ex)
        {
            error = ex;
        }

        if (operation.GetValue("ignoreResultAndError", false).ToBoolean())
        {
            return;
        }

        if (operation.TryGetValue("expectError", out var expectError))
        {
            if (error is null)
            {
                throw new SpecFailureException($"{label}: expected an error {expectError.ToJson()} but it returned {result?.ToJson()}");
            }

            CheckError(expectError.AsBsonDocument, error, label);
            return;
        }

        if (error is not null)
        {
            throw new SpecFailureException($"{label}: unexpected {error.GetType().Name}: {error.Message}");
        }

        if (operation.TryGetValue("expectResult", out var expected))
        {
            var failure = UnifiedMatcher.Match(expected, result, isRoot: true, "result");
            if (failure is not null)
            {
                throw new SpecFailureException($"{label}: {failure}");
            }
        }
    }

    private static void CheckError(BsonDocument expected, Exception error, string label)
    {
        var server = error as MqlException;
        foreach (var element in expected)
        {
            string? failure = element.Name switch
            {
                "isError" => null,
                "isClientError" => element.Value.ToBoolean() == (server is null) ? null : $"expected {(element.Value.ToBoolean() ? "a client" : "a server")} error, got {error.GetType().Name}: {error.Message}",
                "isTimeoutError" => element.Value.ToBoolean() ? "timeouts are not tested" : null,
                "errorContains" => error.Message.Contains(element.Value.AsString, StringComparison.OrdinalIgnoreCase) ? null : $"error message '{error.Message}' does not contain '{element.Value.AsString}'",
                "errorCode" => server?.Code == element.Value.ToInt32() ? null : $"expected error code {element.Value}, got {(server is null ? error.GetType().Name : server.Code + " " + server.CodeName)}: {error.Message}",
                "errorCodeName" => server?.CodeName == element.Value.AsString ? null : $"expected code name {element.Value}, got {server?.CodeName ?? error.GetType().Name}",
                "expectResult" => error is BulkWriteFailedException bulk
                    ? UnifiedMatcher.Match(element.Value, SpecOperations.BulkResult(bulk.Result), isRoot: true, "partial result")
                    : $"expected a partial result, got {error.GetType().Name}",
                "writeErrors" => CheckWriteErrors(element.Value.AsBsonDocument, error),
                _ => $"expectError.{element.Name} is not supported by the runner",
            };
            if (failure is not null)
            {
                throw new SpecFailureException($"{label}: {failure}");
            }
        }
    }

    private static string? CheckWriteErrors(BsonDocument expected, Exception error)
    {
        if (error is not BulkWriteFailedException bulk)
        {
            return $"expected write errors, got {error.GetType().Name}";
        }

        var actual = new BsonDocument(bulk.WriteErrors.Select(e => new BsonElement(e.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), new BsonDocument { { "code", e.Code }, { "message", e.Message } })));
        return UnifiedMatcher.Match(expected, actual, isRoot: true, "writeErrors");
    }

    private static async Task<BsonValue> RunDatabaseOperationAsync(IDocumentDatabase database, string name, BsonDocument arguments)
    {
        var args = new ArgumentReader(name, arguments);
        switch (name)
        {
            case "createCollection":
                var collection = args.Required("collection").AsString;
                var options = new BsonDocument(arguments.Where(e => e.Name != "collection"));
                foreach (var option in options.Names)
                {
                    args.Optional(option);
                }

                await database.CreateCollectionAsync(collection, options);
                break;
            case "dropCollection":
                await database.DropCollectionAsync(args.Required("collection").AsString);
                break;
            case "modifyCollection":
                var command = new BsonDocument("collMod", args.Required("collection").AsString);
                command.AddRange(arguments.Where(e => e.Name != "collection"));
                foreach (var option in arguments.Names)
                {
                    args.Optional(option);
                }

                await database.RunCommandAsync(command);
                break;
            default:
                throw new SpecFailureException($"database operation '{name}' is not implemented by the spec runner");
        }

        args.EnsureAllRead();
        return BsonNull.Value;
    }

    private void CreateEntities(BsonArray entities)
    {
        foreach (var entity in entities.Select(e => e.AsBsonDocument.GetElement(0)))
        {
            var spec = entity.Value.AsBsonDocument;
            switch (entity.Name)
            {
                case "client":
                    break;
                case "database":
                    _databases[spec["id"].AsString] = Database(spec["databaseName"].AsString);
                    break;
                case "collection":
                    _collections[spec["id"].AsString] = _databases[spec["database"].AsString].GetCollection(spec["collectionName"].AsString);
                    break;
                default:
                    throw new SpecFailureException($"entity type '{entity.Name}' is not supported by the spec runner");
            }
        }
    }

    /// <summary>The store database standing in for a spec database name: the test's own first, then siblings.</summary>
    private IDocumentDatabase Database(string specName)
    {
        if (!_databaseNames.TryGetValue(specName, out var actual))
        {
            actual = _databaseNames.Count == 0 ? db.Database.Name : db.Database.Name + "_" + _databaseNames.Count;
            _databaseNames[specName] = actual;
        }

        return actual == db.Database.Name ? db.Database : db.Store.GetDatabase(actual);
    }
}
