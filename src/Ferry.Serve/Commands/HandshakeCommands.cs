using Ferry.Serve.Protocol;
using MongoDB.Bson;

namespace Ferry.Serve.Commands;

/// <summary>hello/isMaster, buildInfo, ping, getParameter, endSessions and the small commands shells send on connect:
/// the server speaks as a standalone MongoDB 8.0 (wire version <see cref="WireLimits.MaxWireVersion"/>).</summary>
internal static class HandshakeCommands
{
    public const string Version = "8.0.0";

    public static BsonDocument Hello(CommandContext context, TimeProvider time, bool authEnabled)
    {
        var reply = new BsonDocument();
        if (context.Flag("helloOk"))
        {
            reply["helloOk"] = true;
        }

        reply.AddRange(new BsonDocument
        {
            { context.Name == "hello" ? "isWritablePrimary" : "ismaster", true },
            { "topologyVersion", new BsonDocument { { "processId", ProcessId }, { "counter", 0L } } },
            { "maxBsonObjectSize", WireLimits.MaxBsonObjectSize },
            { "maxMessageSizeBytes", WireLimits.MaxMessageSizeBytes },
            { "maxWriteBatchSize", WireLimits.MaxWriteBatchSize },
            { "localTime", new BsonDateTime(time.GetUtcNow().UtcDateTime) },
            { "logicalSessionTimeoutMinutes", 30 },
            { "connectionId", (int)Math.Min(context.Connection.Id, int.MaxValue) },
            { "minWireVersion", 0 },
            { "maxWireVersion", WireLimits.MaxWireVersion },
            { "readOnly", false },
        });
        if (authEnabled && context.Command.TryGetValue("saslSupportedMechs", out var user) && user.IsString)
        {
            reply["saslSupportedMechs"] = new BsonArray { "SCRAM-SHA-256" };
        }

        reply["ok"] = 1.0;
        return reply;
    }

    public static BsonDocument BuildInfo() => new()
    {
        { "version", Version },
        { "gitVersion", "ferry-serve" },
        { "versionArray", new BsonArray { 8, 0, 0, 0 } },
        { "bits", 64 },
        { "debug", false },
        { "maxBsonObjectSize", WireLimits.MaxBsonObjectSize },
        { "storageEngines", new BsonArray { "ferry-embedded" } },
        { "modules", new BsonArray() },
        { "ok", 1.0 },
    };

    /// <summary>getParameter: featureCompatibilityVersion (8.0) when asked (or for <c>'*'</c>); other parameters are not reported.</summary>
    public static BsonDocument GetParameter(CommandContext context)
    {
        var reply = new BsonDocument();
        var all = context.Argument is BsonString { Value: "*" };
        if (all || context.Command.Contains("featureCompatibilityVersion"))
        {
            reply["featureCompatibilityVersion"] = new BsonDocument("version", "8.0");
        }

        if (reply.ElementCount == 0 && !all)
        {
            throw Query.Common.ErrorCodes.Create(Query.Common.ErrorCodes.InvalidOptions, "no option found to get");
        }

        reply["ok"] = 1.0;
        return reply;
    }

    public static BsonDocument ConnectionStatus(CommandContext context) => new()
    {
        { "authInfo", new BsonDocument
            {
                { "authenticatedUsers", context.Connection.User is { } user ? new BsonArray { new BsonDocument { { "user", user }, { "db", "admin" } } } : new BsonArray() },
                { "authenticatedUserRoles", new BsonArray() },
            }
        },
        { "ok", 1.0 },
    };

    public static BsonDocument WhatsMyUri(CommandContext context) => new() { { "you", context.Connection.Remote?.ToString() ?? "" }, { "ok", 1.0 } };

    public static BsonDocument Ok() => new("ok", 1.0);

    private static readonly ObjectId ProcessId = ObjectId.GenerateNewId();
}
