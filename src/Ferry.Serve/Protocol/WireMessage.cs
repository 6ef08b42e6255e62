namespace Ferry.Serve.Protocol;

/// <summary>One framed message: the header's fields and the bytes after the header.</summary>
internal sealed record WireMessage(int RequestId, int ResponseTo, OpCode OpCode, byte[] Body);
