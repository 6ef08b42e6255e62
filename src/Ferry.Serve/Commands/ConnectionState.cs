using System.Net;

namespace Ferry.Serve.Commands;

/// <summary>What the server knows about one client connection.</summary>
internal sealed class ConnectionState(long id, EndPoint? remote)
{
    public long Id { get; } = id;

    public EndPoint? Remote { get; } = remote;

    /// <summary>The user this connection authenticated as (SCRAM); null before authentication.</summary>
    public string? User { get; set; }

    /// <summary>The SCRAM conversation in progress, between saslStart and the last saslContinue.</summary>
    public object? Conversation { get; set; }
}
