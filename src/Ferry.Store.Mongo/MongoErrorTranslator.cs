using System.Globalization;
using System.Text.RegularExpressions;
using Ferry.Core.Errors;
using Ferry.Query.Common;
using MongoDB.Driver;

namespace Ferry.Store.Mongo;

/// <summary>
/// Maps driver exceptions onto Ferry's error model: server errors become <see cref="MqlException"/> with
/// MongoDB's code and code name; an unreachable or refusing server becomes one
/// <see cref="UserInputException"/> line naming the (redacted) URI and hosts, what timed out and how to fix
/// it — so the CLI prints no stack trace. Bulk write errors are mapped by <see cref="MongoBulkWriter"/>,
/// which knows the request indexes.
/// </summary>
internal sealed partial class MongoErrorTranslator(string displayUri, string hosts, TimeSpan serverSelectionTimeout)
{
    public string DisplayUri => displayUri;

    public async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex) is { } translated && !ReferenceEquals(translated, ex))
        {
            throw translated;
        }
    }

    public async Task RunAsync(Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex) is { } translated && !ReferenceEquals(translated, ex))
        {
            throw translated;
        }
    }

    /// <summary>The Ferry exception for <paramref name="ex"/>, or <paramref name="ex"/> itself when it has no mapping.</summary>
    public Exception Translate(Exception ex) => ex switch
    {
        MongoWriteException { WriteError: { } error } => new MqlException(error.Code, ErrorCodes.NameOf(error.Code), error.Message, ex),
        MongoWriteException { WriteConcernError: { } wce } => new MqlException(wce.Code, wce.CodeName ?? ErrorCodes.NameOf(wce.Code), "write concern error: " + wce.Message, ex),
        MongoExecutionTimeoutException timeout => new MqlException(ErrorCodes.MaxTimeMsExpired, "MaxTimeMSExpired", timeout.Message, ex),
        MongoCommandException command => new MqlException(command.Code, string.IsNullOrEmpty(command.CodeName) ? ErrorCodes.NameOf(command.Code) : command.CodeName, command.ErrorMessage ?? command.Message, ex),
        MongoAuthenticationException => new UserInputException(
            $"--uri {displayUri}: authentication failed at {hosts}; check the user name, password and authSource (e.g. mongodb://USER:PASSWORD@HOST/?authSource=admin)", ex),
        MongoIncompatibleDriverException => new UserInputException(
            $"--uri {displayUri}: the server at {hosts} is too old for this driver (MongoDB 4.0 or newer is required)", ex),
        TimeoutException => new UserInputException(
            $"--uri {displayUri}: no MongoDB server answered at {hosts} within {Seconds(serverSelectionTimeout)} (server selection timed out{LastError(ex.Message)}); check that the server is running and reachable, or pass --uri mongodb://HOST:PORT (or set FERRY_URI); add serverSelectionTimeoutMS=… to the URI to wait longer", ex),
        MongoConnectionException connection => new UserInputException(
            $"--uri {displayUri}: lost the connection to {hosts}: {FirstLine(connection.Message)}", ex),
        _ => ex,
    };

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>The innermost cause the driver's cluster description names (e.g. "Connection refused"), if short.</summary>
    private static string LastError(string message)
    {
        var match = InnerCause().Matches(message).LastOrDefault();
        var cause = match?.Groups["cause"].Value.Trim().TrimEnd('.');
        return string.IsNullOrEmpty(cause) || cause.Length > 120 ? string.Empty : "; last error: " + cause;
    }

    [GeneratedRegex(@"---> [\w.]+(?: \(\d+\))?: (?<cause>[^\r\n""]+?)(?=\s+at |\r|\n|""|$)", RegexOptions.CultureInvariant)]
    private static partial Regex InnerCause();

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('\r');
}
