using Ferry.Core.Errors;
using Ferry.Core.Storage;

namespace Ferry.Core.Notifications;

/// <summary>
/// Where a notifier's secret comes from: an environment variable (<c>url_env: SLACK_WEBHOOK_URL</c>) or a file
/// (<c>password_file: /run/secrets/smtp</c>, its text trimmed), never ferry.yaml itself, which is committed. It is read
/// when a run's notifiers are built, not when ferry.yaml is loaded, so verbs that notify nobody never need it; the value
/// read is registered with <see cref="SecretRedactor"/> so no log line or error can show it.
/// </summary>
public sealed record SecretReference
{
    /// <summary>The ferry.yaml key that named it (<c>url_env</c>), for messages.</summary>
    public required string Key { get; init; }

    public string? EnvironmentVariable { get; init; }

    public string? FilePath { get; init; }

    /// <summary>FILE:LINE:COLUMN of the key, for messages.</summary>
    public required string Location { get; init; }

    public string Resolve()
    {
        string? value;
        if (EnvironmentVariable is not null)
        {
            value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new UserInputException($"{Location}: {Key}: the environment variable {EnvironmentVariable} is not set");
            }
        }
        else
        {
            try
            {
                value = File.ReadAllText(FilePath!).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"{Location}: {Key}: cannot read {FilePath}: {e.Message}");
            }

            if (value.Length == 0)
            {
                throw new UserInputException($"{Location}: {Key}: {FilePath} is empty");
            }
        }

        value = value.Trim();
        SecretRedactor.Register(value);
        return value;
    }
}
