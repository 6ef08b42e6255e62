using Ferry.Core.Configuration;
using Ferry.Core.Errors;
using Ferry.Core.Notifications;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// <c>--notify NAME</c> (repeatable) of the verbs that change data: which channels of <c>notifications:</c> in
/// ferry.yaml hear of the run. Without it every configured channel does; <c>--notify none</c> silences them all.
/// Each settings class declares the property with <see cref="Option"/> and <see cref="Description"/>.
/// </summary>
public interface INotifySettings
{
    const string Option = "--notify <NAME>";
    const string Description = "Notify only this channel of notifications: in ferry.yaml (repeatable; default: every channel; 'none': no channel)";

    string[]? Notify { get; }
}

public static class NotifySettings
{
    /// <summary>The channels a run notifies; a name not in ferry.yaml is bad input (exit 2).</summary>
    public static IReadOnlyList<NotificationChannel> Channels(this INotifySettings settings, FerryConfig config)
    {
        if (settings.Notify is not { Length: > 0 } names)
        {
            return config.Notifications;
        }

        if (names is ["none"])
        {
            return [];
        }

        var known = config.Notifications.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return [.. names.Distinct(StringComparer.Ordinal).Select(name => known.TryGetValue(name, out var channel)
            ? channel
            : throw new UserInputException(known.Count == 0
                ? $"--notify {name}: no notifications: in {config.Source ?? FerryConfig.FileName} (see docs/configuration.md)"
                : $"--notify {name}: no such channel in notifications: of {config.Source}; expected one of: {string.Join(", ", known.Keys)}, none"))];
    }
}
