using System.Net;

namespace Ferry.Serve;

/// <summary>How <see cref="WireServer"/> listens and what it tolerates.</summary>
public sealed record WireServerOptions
{
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks a free port (tests); MongoDB's default is 27017.</summary>
    public int Port { get; init; } = 27017;

    /// <summary>Connections beyond this many are closed as soon as they are accepted (with a log line).</summary>
    public int MaxConnections { get; init; } = 1000;

    /// <summary>Once a message's first byte arrives, the whole message must arrive within this time (slowloris).</summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A cursor nobody read for this long is closed (MongoDB's cursorTimeoutMillis).</summary>
    public TimeSpan CursorTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>SCRAM-SHA-256 users; null serves without authentication (allowed on loopback only).</summary>
    public Authentication.UserStore? Users { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>One line per notable event (connections refused, protocol violations, failures); never documents.</summary>
    public Action<string> Log { get; init; } = _ => { };
}
