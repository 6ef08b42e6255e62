using System.ComponentModel;
using System.Net;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Serve;

/// <summary>Options of <c>ferry serve</c>.</summary>
public sealed class ServeSettings : FerrySettings
{
    [CommandOption("--uri <URI>")]
    [Description("The embedded store to serve: file:PATH; default $FERRY_URI, then uri: in ferry.yaml")]
    public string? Uri { get; init; }

    [CommandOption("--port <PORT>")]
    [Description("TCP port (default 27017; 0 picks a free one)")]
    public int Port { get; init; } = 27017;

    [CommandOption("--bind <ADDRESS>")]
    [Description("Address to listen on (default 127.0.0.1); anything but loopback needs --auth")]
    public string Bind { get; init; } = "127.0.0.1";

    [CommandOption("--max-connections <N>")]
    [Description("Connections open at once; more are closed on arrival (default 1000)")]
    public int MaxConnections { get; init; } = 1000;

    [CommandOption("--auth")]
    [Description("Require SCRAM-SHA-256 authentication with the users of --users")]
    public bool Auth { get; init; }

    [CommandOption("--users <FILE>")]
    [Description("JSON file of hashed users for --auth (entries from ferry serve --hash-user NAME)")]
    public string? Users { get; init; }

    [CommandOption("--hash-user <NAME>")]
    [Description("Print a users-file entry for NAME with the password read from standard input, then exit")]
    public string? HashUser { get; init; }

    public IPAddress BindAddress => IPAddress.Parse(Bind);

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Refuse(Port is < 0 or > 65535, $"--port {Port}: expected a TCP port from 0 to 65535"),
        () => OptionChecks.Refuse(!IPAddress.TryParse(Bind, out _), $"--bind {Bind}: expected an IP address such as 127.0.0.1 or ::1"),
        () => OptionChecks.Refuse(MaxConnections is < 1 or > 100_000, $"--max-connections {MaxConnections}: expected a number from 1 to 100000"),
        () => OptionChecks.Refuse(Auth && Users is null, "--auth: needs --users FILE (hashed users; write entries with ferry serve --hash-user NAME)"),
        () => OptionChecks.Refuse(!Auth && Users is not null, "--users: only used with --auth"),
        () => OptionChecks.Refuse(!Auth && IPAddress.TryParse(Bind, out var address) && !IPAddress.IsLoopback(address),
            $"--bind {Bind}: without --auth ferry serve listens on loopback only (127.0.0.1 or ::1); add --auth --users FILE to serve other hosts"));
}
