using System.Net;
using System.Net.Sockets;

namespace Ferry.Cli.Tests.Notifications;

/// <summary>Free TCP ports on 127.0.0.1, for receivers and for "closed port" channels nobody listens on.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
