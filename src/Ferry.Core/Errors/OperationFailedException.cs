namespace Ferry.Core.Errors;

/// <summary>
/// An operation refused or stopped for a reason that is not the user's input (a safety check failed, e.g. a backup
/// that does not verify): the CLI prints the message as one line and exits 1.
/// </summary>
public class OperationFailedException(string message) : Exception(message);
