using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Serve.Cursors;
using MongoDB.Bson;

namespace Ferry.Serve.Commands;

/// <summary>
/// Runs one command document against the store and returns MongoDB's reply. Any failure of the command becomes an
/// error reply (<c>ok: 0</c> with MongoDB's code), never a dropped connection; an unknown command is CommandNotFound (59).
/// </summary>
internal sealed class CommandDispatcher(IDocumentStore store, CursorRegistry cursors, TimeProvider time, Authentication.ScramAuthenticator? authenticator, Action<string> log)
{
    /// <summary>Commands a connection may run before it authenticates (with --auth).</summary>
    private static readonly HashSet<string> OpenCommands = ["hello", "isMaster", "ismaster", "buildInfo", "buildinfo", "ping", "saslStart", "saslContinue", "endSessions", "connectionStatus", "logout"];

    private readonly ReadCommands _reads = new(cursors);

    public async Task<BsonDocument> RunAsync(BsonDocument command, string? database, ConnectionState connection, CancellationToken cancellationToken)
    {
        try
        {
            if (command.ElementCount == 0)
            {
                throw ErrorCodes.Create(ErrorCodes.CommandNotFound, "no such command: ''");
            }

            var context = new CommandContext(command, database ?? throw ServerErrors.MissingDatabase(), store, connection);
            if (authenticator is not null && connection.User is null && !OpenCommands.Contains(context.Name))
            {
                throw ServerErrors.Unauthorized($"Command {context.Name} requires authentication");
            }

            return await DispatchAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            if (ex is not MqlException)
            {
                log($"connection {connection.Id}: command {(command.ElementCount > 0 ? command.GetElement(0).Name : "''")} failed: {ex.GetType().Name}: {ex.Message}");
            }

            return ErrorReplies.From(ex);
        }
    }

    private Task<BsonDocument> DispatchAsync(CommandContext context, CancellationToken cancellationToken) => context.Name switch
    {
        "hello" or "isMaster" or "ismaster" => Task.FromResult(HandshakeCommands.Hello(context, time, authenticator is not null)),
        "buildInfo" or "buildinfo" => Task.FromResult(HandshakeCommands.BuildInfo()),
        "ping" or "endSessions" or "logout" => Task.FromResult(HandshakeCommands.Ok()),
        "getParameter" => Task.FromResult(HandshakeCommands.GetParameter(context)),
        "connectionStatus" => Task.FromResult(HandshakeCommands.ConnectionStatus(context)),
        "whatsmyuri" => Task.FromResult(HandshakeCommands.WhatsMyUri(context)),
        "saslStart" => Task.FromResult(authenticator?.Start(context) ?? throw ErrorCodes.Create(ErrorCodes.CommandNotSupported, "authentication is not enabled on this server (start it with --auth)")),
        "saslContinue" => Task.FromResult(authenticator is not null ? Authentication.ScramAuthenticator.Continue(context) : throw ErrorCodes.Create(ErrorCodes.CommandNotSupported, "authentication is not enabled on this server (start it with --auth)")),
        "find" => _reads.FindAsync(context, cancellationToken),
        "getMore" => _reads.GetMoreAsync(context, cancellationToken),
        "killCursors" => _reads.KillCursorsAsync(context),
        "aggregate" => _reads.AggregateAsync(context, cancellationToken),
        "insert" => WriteCommands.InsertAsync(context, cancellationToken),
        "update" => WriteCommands.UpdateAsync(context, cancellationToken),
        "delete" => WriteCommands.DeleteAsync(context, cancellationToken),
        "findAndModify" or "findandmodify" => WriteCommands.FindAndModifyAsync(context, cancellationToken),
        "listDatabases" => AdminCommands.ListDatabasesAsync(context, cancellationToken),
        "dropDatabase" => AdminCommands.DropDatabaseAsync(context, cancellationToken),
        "renameCollection" => AdminCommands.RenameCollectionAsync(context, cancellationToken),
        "create" or "drop" or "collMod" or "listCollections" or "listIndexes" or "createIndexes" or "dropIndexes" or "deleteIndexes"
            or "count" or "distinct" or "dbStats" or "dbstats" or "collStats" or "explain" => AdminCommands.PassThroughAsync(context, cancellationToken),
        _ => throw ErrorCodes.Create(ErrorCodes.CommandNotFound, $"no such command: '{context.Name}'"),
    };
}
