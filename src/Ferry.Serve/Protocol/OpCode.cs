namespace Ferry.Serve.Protocol;

/// <summary>The wire protocol's opcodes this server reads or writes.</summary>
internal enum OpCode
{
    Reply = 1,
    Query = 2004,
    Compressed = 2012,
    Msg = 2013,
}
