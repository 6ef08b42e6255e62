using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Serve.Commands;

/// <summary>One command being run: the command document, its database (<c>$db</c>), the store, and the connection it came on.</summary>
internal sealed record CommandContext(BsonDocument Command, string Database, IDocumentStore Store, ConnectionState Connection)
{
    /// <summary>Fields every command may carry that do not change what it does here (sessions, read/write concern,
    /// API versioning, cluster time, comments): accepted and dropped before a command reaches the store.</summary>
    private static readonly HashSet<string> GenericFields =
    [
        "$db", "lsid", "txnNumber", "autocommit", "startTransaction", "$clusterTime", "$readPreference", "readConcern",
        "writeConcern", "apiVersion", "apiStrict", "apiDeprecationErrors", "comment", "maxTimeMS", "$audit", "$client",
    ];

    public string Name => Command.GetElement(0).Name;

    public BsonValue Argument => Command[0];

    public IDocumentDatabase Db => Store.GetDatabase(Database);

    /// <summary>The collection named by the command's first value (a string), as MongoDB requires.</summary>
    public string CollectionName => Argument is BsonString { Value.Length: > 0 } name
        ? name.Value
        : throw Query.Common.ErrorCodes.Create(Query.Common.ErrorCodes.InvalidNamespace, $"collection name has invalid type {Argument.BsonType.ToString().ToLowerInvariant()}");

    public string Namespace => Database + "." + CollectionName;

    /// <summary>The command without generic fields, for the store's own command runner.</summary>
    public BsonDocument WithoutGenericFields() => new(Command.Where(e => !GenericFields.Contains(e.Name)));

    public BsonDocument? Document(string field) => Command.TryGetValue(field, out var value) && value is BsonDocument document ? document : null;

    public bool Flag(string field, bool fallback = false) => Command.TryGetValue(field, out var value) && !value.IsBsonNull ? value.ToBoolean() : fallback;

    public long? Number(string field) => Command.TryGetValue(field, out var value) && value.IsNumeric ? value.ToInt64() : null;
}
