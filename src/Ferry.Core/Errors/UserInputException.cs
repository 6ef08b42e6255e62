namespace Ferry.Core.Errors;

/// <summary>
/// Bad input from the user (a malformed file, an unknown option value, an unreachable URI): the CLI prints
/// <see cref="Exception.Message"/> on one line, without a stack trace, and exits 2. The message names the
/// file/line/field and what was expected.
/// </summary>
public class UserInputException : Exception
{
    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
