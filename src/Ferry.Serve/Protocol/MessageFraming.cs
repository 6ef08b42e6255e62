using System.Buffers.Binary;

namespace Ferry.Serve.Protocol;

/// <summary>
/// Reads and writes framed messages (16-byte header: length, requestID, responseTo, opCode). The length is checked
/// before anything is allocated (at most <see cref="WireLimits.MaxMessageSizeBytes"/>), the body buffer grows with
/// the bytes that actually arrived (a huge claimed length costs nothing until it is sent), and a message must arrive
/// whole within the message timeout once its first byte has (slowloris): any breach is a
/// <see cref="ProtocolViolationException"/>.
/// </summary>
internal static class MessageFraming
{
    private const int InitialBodyBuffer = 64 * 1024;

    /// <summary>The next message, or null when the peer closed the connection between messages.</summary>
    public static async Task<WireMessage?> ReadAsync(Stream stream, TimeSpan messageTimeout, CancellationToken idle)
    {
        var header = new byte[WireLimits.HeaderSize];
        var first = await stream.ReadAsync(header.AsMemory(0, WireLimits.HeaderSize), idle).ConfigureAwait(false);
        if (first == 0)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(idle);
        deadline.CancelAfter(messageTimeout);
        try
        {
            await FillAsync(stream, header, first, WireLimits.HeaderSize, deadline.Token).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (length < WireLimits.HeaderSize || length > WireLimits.MaxMessageSizeBytes)
            {
                throw new ProtocolViolationException($"message claims a length of {length} bytes; allowed: {WireLimits.HeaderSize} to maxMessageSizeBytes {WireLimits.MaxMessageSizeBytes}");
            }

            var bodyLength = length - WireLimits.HeaderSize;
            var body = new byte[Math.Min(bodyLength, InitialBodyBuffer)];
            var filled = 0;
            while (filled < bodyLength)
            {
                if (filled == body.Length)
                {
                    Array.Resize(ref body, (int)Math.Min(bodyLength, body.Length * 2L));
                }

                filled = await FillAsync(stream, body, filled, body.Length, deadline.Token).ConfigureAwait(false);
            }

            return new WireMessage(
                BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4)),
                BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8)),
                (OpCode)BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)),
                body);
        }
        catch (OperationCanceledException) when (!idle.IsCancellationRequested)
        {
            throw new ProtocolViolationException($"incomplete message: no whole message within {messageTimeout.TotalSeconds:0.###} s of its first byte");
        }
    }

    /// <summary>Writes one message: header then body, in one write.</summary>
    public static async Task WriteAsync(Stream stream, int requestId, int responseTo, OpCode opCode, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var message = new byte[WireLimits.HeaderSize + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), requestId);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(8), responseTo);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(12), (int)opCode);
        body.CopyTo(message.AsMemory(WireLimits.HeaderSize));
        await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads until <paramref name="buffer"/>[..<paramref name="until"/>] is full; the peer closing mid-message is a violation.</summary>
    private static async Task<int> FillAsync(Stream stream, byte[] buffer, int filled, int until, CancellationToken cancellationToken)
    {
        while (filled < until)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled, until - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ProtocolViolationException($"connection closed mid-message after {filled} of {until} bytes");
            }

            filled += read;
        }

        return filled;
    }
}
