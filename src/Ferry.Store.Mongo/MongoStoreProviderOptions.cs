namespace Ferry.Store.Mongo;

/// <summary>
/// Defaults the provider applies when the URI does not set them itself (URI options always win).
/// </summary>
public sealed record MongoStoreProviderOptions
{
    /// <summary>How long to wait for a server to answer before giving up with one clear line. The driver's
    /// default is 30 s; an interactive CLI should fail faster, so Ferry uses 10 s unless
    /// <c>serverSelectionTimeoutMS</c> is in the URI.</summary>
    public TimeSpan ServerSelectionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The write concern used when the URI has no <c>w</c> option; null sends none, so the server's
    /// default applies (w: "majority" on replica sets and sharded clusters since MongoDB 5.0).</summary>
    public MongoDB.Driver.WriteConcern? WriteConcern { get; init; }

    /// <summary>The application name the server shows in logs and currentOp, unless <c>appName</c> is in the URI.</summary>
    public string ApplicationName { get; init; } = "ferry";
}
