using System.Net.Sockets;
using Ferry.Serve.Commands;
using Ferry.Serve.Protocol;
using MongoDB.Bson;

namespace Ferry.Serve;

/// <summary>
/// One client connection: reads a message, runs its command, writes the reply, in order (as MongoDB does per
/// connection). A protocol violation (framing, limits, malformed BSON, timeout mid-message) is logged and closes this
/// connection only; a failing command is an error reply and the connection carries on.
/// </summary>
internal sealed class WireConnection(TcpClient client, ConnectionState state, CommandDispatcher dispatcher, WireServerOptions options)
{
    private int _nextRequestId;

    /// <summary>Serves until the peer disconnects, a violation, or <paramref name="stopping"/> (then the message
    /// being handled is finished and answered first).</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var _ = client;
        var stream = client.GetStream();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var message = await MessageFraming.ReadAsync(stream, options.MessageTimeout, stopping).ConfigureAwait(false);
                if (message is null)
                {
                    return;
                }

                await HandleAsync(stream, message).ConfigureAwait(false);
            }
        }
        catch (ProtocolViolationException ex)
        {
            options.Log($"connection {state.Id} from {state.Remote}: closed: {ex.Message}");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down between messages.
        }
        catch (IOException)
        {
            // The peer went away mid-read or mid-write; nothing to answer.
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Runs one message to the end, even while the server is stopping (in-flight requests finish).</summary>
    private async Task HandleAsync(NetworkStream stream, WireMessage message)
    {
        switch (message.OpCode)
        {
            case OpCode.Msg:
                var request = OpMsg.Parse(message);
                var database = request.Command.TryGetValue("$db", out var db) && db is BsonString name ? name.Value : null;
                var reply = await dispatcher.RunAsync(request.Command, database, state, CancellationToken.None).ConfigureAwait(false);
                if (!request.IsMoreToCome)
                {
                    await MessageFraming.WriteAsync(stream, NextRequestId(), message.RequestId, OpCode.Msg, OpMsg.Reply(reply), CancellationToken.None).ConfigureAwait(false);
                }

                break;
            case OpCode.Query:
                var query = OpQuery.Parse(message);
                var answer = await dispatcher.RunAsync(query.Command, query.Database, state, CancellationToken.None).ConfigureAwait(false);
                await MessageFraming.WriteAsync(stream, NextRequestId(), message.RequestId, OpCode.Reply, OpQuery.Reply(answer), CancellationToken.None).ConfigureAwait(false);
                break;
            default:
                throw new ProtocolViolationException($"unsupported opcode {(int)message.OpCode} (served: OP_MSG 2013, OP_QUERY 2004 for commands)");
        }
    }

    private int NextRequestId() => Interlocked.Increment(ref _nextRequestId);
}
