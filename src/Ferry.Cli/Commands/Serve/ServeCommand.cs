using System.Net.Sockets;
using System.Runtime.InteropServices;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Serve;
using Ferry.Serve.Authentication;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using Spectre.Console;

namespace Ferry.Cli.Commands.Serve;

/// <summary>
/// <c>ferry serve --uri file:PATH</c>: the embedded store over MongoDB's wire protocol, so drivers, shells and the
/// application itself can use a rehearsal copy. Prints the URI to connect to, serves until Ctrl-C or SIGTERM, then
/// lets in-flight requests finish and closes the store cleanly (exit 0).
/// </summary>
public sealed class ServeCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<ServeSettings>(console)
{
    private static readonly JsonWriterSettings JsonLine = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson, Indent = false };

    protected override async Task<int> RunAsync(ServeSettings settings, Output output, CancellationToken cancellationToken)
    {
        if (settings.HashUser is { } user)
        {
            return HashUser(user, output);
        }

        var uri = settings.Stores.Require(Core.Configuration.StoreOption.Uri, settings.Uri);
        if (!uri.Value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserInputException($"--uri {uri.Redacted}: ferry serve serves the embedded store (file:PATH); a MongoDB server is already one");
        }

        var users = settings.Auth ? UserStore.Load(settings.Users!) : null;
        await using var store = await stores.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var errors = output.ErrorConsole;
        await using var server = new WireServer(store, new WireServerOptions
        {
            Bind = settings.BindAddress,
            Port = settings.Port,
            MaxConnections = settings.MaxConnections,
            Users = users,
            Log = line => errors.WriteLine("ferry serve: " + line, Style.Plain),
        });
        try
        {
            server.Start();
        }
        catch (SocketException ex)
        {
            throw new UserInputException($"--bind {settings.Bind} --port {settings.Port}: cannot listen: {ex.Message}", ex);
        }

        Announce(output, store, server, users);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: stop below.
        }

        await server.StopAsync().ConfigureAwait(false);
        if (output.IsJson)
        {
            JsonLineOut(output, new BsonDocument { { "stopped", true }, { "store", store.DisplayUri } });
        }
        else
        {
            output.Line($"stopped; {Markup.Escape(store.DisplayUri)} closed");
        }

        return ExitCodes.Ok;
    }

    private static void Announce(Output output, IDocumentStore store, WireServer server, UserStore? users)
    {
        if (output.IsJson)
        {
            JsonLineOut(output, new BsonDocument
            {
                { "serving", store.DisplayUri },
                { "uri", server.ConnectionString },
                { "port", server.Endpoint.Port },
                { "auth", users is not null },
            });
        }
        else
        {
            output.Line($"serving {Markup.Escape(store.DisplayUri)} at [bold]{Markup.Escape(server.ConnectionString)}[/]"
                + (users is null ? string.Empty : $" (SCRAM-SHA-256, {users.Count} user(s); add USER:PASSWORD@ and authSource=admin)")
                + " — a rehearsal endpoint, not a production database; Ctrl-C to stop");
        }
    }

    /// <summary>With --json, one JSON object per line (when serving starts, when it stops), written at once so a
    /// supervisor reading the pipe learns the URI while the server runs.</summary>
    private static void JsonLineOut(Output output, BsonDocument document)
    {
        output.Console.Profile.Out.Writer.WriteLine(document.ToJson(JsonLine));
        output.Console.Profile.Out.Writer.Flush();
    }

    private static int HashUser(string user, Output output)
    {
        var password = System.Console.In.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            throw new UserInputException($"--hash-user {user}: expected the password on standard input (one line)");
        }

        var entry = UserStore.ToJson(ScramCredential.Create(user, password));
        if (output.IsJson)
        {
            output.Json(BsonDocument.Parse(entry));
        }
        else
        {
            output.Console.Profile.Out.Writer.WriteLine(entry);
        }

        return ExitCodes.Ok;
    }
}
