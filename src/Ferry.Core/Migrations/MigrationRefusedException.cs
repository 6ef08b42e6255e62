namespace Ferry.Core.Migrations;

/// <summary>
/// The runner refused to start because the state is not what the command needs (checksum drift, out-of-order
/// versions, down of a version with applied dependants, a version that is not pending): nothing was written. The
/// message says which flag overrides it, where one exists.
/// </summary>
public sealed class MigrationRefusedException(string message) : Errors.UserInputException(message);
