using MongoDB.Bson;

namespace Ferry.Store.Conformance.Spec;

/// <summary>
/// Converts the legacy CRUD v1 format (top-level <c>data</c>, one <c>operation</c> per test, <c>outcome</c>
/// with <c>result</c>/<c>error</c> and <c>collection.data</c>) into <see cref="SpecTest"/>s. Unknown fields
/// are load errors, as in the unified format.
/// </summary>
public static class LegacyConverter
{
    private const string Database = "crud-tests";
    private const string Collection = "coll";

    private static readonly HashSet<string> FileFields = ["data", "tests", "minServerVersion", "maxServerVersion", "serverless", "collection_name", "database_name"];
    private static readonly string[] RequirementFields = ["minServerVersion", "maxServerVersion", "serverless"];
    private static readonly HashSet<string> TestFields = ["description", "operation", "outcome", "skipReason"];
    private static readonly HashSet<string> OperationFields = ["name", "arguments", "object"];
    private static readonly HashSet<string> OutcomeFields = ["result", "error", "collection"];

    public static List<SpecTest> Convert(string file, BsonDocument document)
    {
        var fileErrors = Unknown(document, FileFields, "$");
        var database = document.GetValue("database_name", Database).AsString;
        var collection = document.GetValue("collection_name", Collection).AsString;
        var requirement = new BsonDocument();
        foreach (var name in RequirementFields.Where(document.Contains))
        {
            requirement[name] = document[name];
        }

        var entities = new BsonArray
        {
            new BsonDocument("client", new BsonDocument("id", "client0")),
            new BsonDocument("database", new BsonDocument { { "id", "database0" }, { "client", "client0" }, { "databaseName", database } }),
            new BsonDocument("collection", new BsonDocument { { "id", "collection0" }, { "database", "database0" }, { "collectionName", collection } }),
        };
        var initial = new BsonDocument { { "collectionName", collection }, { "databaseName", database }, { "documents", document.GetValue("data", new BsonArray()) } };

        var tests = new List<SpecTest>();
        var list = document["tests"].AsBsonArray;
        for (var i = 0; i < list.Count; i++)
        {
            var test = list[i].AsBsonDocument;
            var errors = new List<string>(fileErrors);
            errors.AddRange(Unknown(test, TestFields, "$.tests[" + i + "]"));
            var operation = test["operation"].AsBsonDocument;
            errors.AddRange(Unknown(operation, OperationFields, "$.tests[" + i + "].operation"));
            var outcome = test.GetValue("outcome", new BsonDocument()).AsBsonDocument;
            errors.AddRange(Unknown(outcome, OutcomeFields, "$.tests[" + i + "].outcome"));

            var unified = new BsonDocument { { "object", "collection0" }, { "name", operation["name"] }, { "arguments", Arguments(operation) } };
            if (outcome.GetValue("error", false).ToBoolean())
            {
                unified["expectError"] = new BsonDocument("isError", true);
            }
            else if (outcome.TryGetValue("result", out var result))
            {
                unified["expectResult"] = result;
            }

            List<BsonDocument>? expectedData = null;
            if (outcome.TryGetValue("collection", out var expectedCollection))
            {
                expectedData =
                [
                    new BsonDocument
                    {
                        { "collectionName", expectedCollection.AsBsonDocument.GetValue("name", collection) },
                        { "databaseName", database },
                        { "documents", expectedCollection["data"] },
                    },
                ];
            }

            tests.Add(new SpecTest
            {
                File = file,
                Index = i,
                Description = test["description"].AsString,
                RunOn = requirement.ElementCount > 0 ? [[requirement]] : [],
                CreateEntities = entities,
                InitialData = [initial],
                Operations = [unified],
                Outcome = expectedData,
                LoadErrors = errors,
            });
        }

        return tests;
    }

    /// <summary>Legacy arguments in the unified shape: <c>options</c> flattened, bulk requests as <c>{name: arguments}</c>.</summary>
    private static BsonDocument Arguments(BsonDocument operation)
    {
        var arguments = operation.GetValue("arguments", new BsonDocument()).AsBsonDocument.DeepClone().AsBsonDocument;
        if (arguments.TryGetValue("options", out var options))
        {
            arguments.Remove("options");
            arguments.AddRange(options.AsBsonDocument);
        }

        if (arguments.TryGetValue("requests", out var requests))
        {
            arguments["requests"] = new BsonArray(requests.AsBsonArray.Select(r =>
                new BsonDocument(r["name"].AsString, Arguments(r.AsBsonDocument))));
        }

        return arguments;
    }

    private static IEnumerable<string> Unknown(BsonDocument document, HashSet<string> known, string path) =>
        document.Names.Where(n => !known.Contains(n)).Select(n => $"{path}.{n}: unknown field");
}
