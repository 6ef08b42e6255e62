namespace Ferry.Serve.Protocol;

/// <summary>A message that breaks the wire protocol (bad framing, a length over the limits, an unknown opcode or
/// flag, malformed BSON, a timeout mid-message): the server logs it and closes that connection only.</summary>
public sealed class ProtocolViolationException(string message, Exception? inner = null) : Exception(message, inner);
