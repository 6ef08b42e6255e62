using System.Globalization;
using System.Text.RegularExpressions;
using Ferry.Core.Errors;
using MongoDB.Driver;

namespace Ferry.Store.Mongo;

/// <summary>
/// Turns a URI into driver settings. Pool and timeout options come from the URI (maxPoolSize, minPoolSize,
/// maxIdleTimeMS, waitQueueTimeoutMS, connectTimeoutMS, w, …) with the driver's defaults otherwise
/// (pool 0..100, idle connections kept 10 min, wait queue 2 min); Ferry only changes the server-selection
/// timeout (see <see cref="MongoStoreProviderOptions"/>) and keeps retryable writes on unless the URI
/// says <c>retryWrites=false</c>.
/// </summary>
internal static class MongoConnectionSettings
{
    public static MongoClientSettings Build(string uri, string displayUri, MongoStoreProviderOptions options)
    {
        MongoUrl url;
        try
        {
            url = MongoUrl.Create(uri);
        }
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException)
        {
            throw new UserInputException($"--uri {displayUri}: not a valid MongoDB URI ({Scrub(ex.Message, uri, displayUri)}); expected mongodb://[user:password@]host[:port][/?options] or mongodb+srv://…", ex);
        }

        var settings = MongoClientSettings.FromUrl(url);
        if (!HasOption(uri, "serverSelectionTimeoutMS"))
        {
            settings.ServerSelectionTimeout = options.ServerSelectionTimeout;
        }

        if (!HasOption(uri, "retryWrites"))
        {
            settings.RetryWrites = true;
        }

        if (options.WriteConcern is not null && !HasOption(uri, "w"))
        {
            settings.WriteConcern = options.WriteConcern;
        }

        if (!HasOption(uri, "appName"))
        {
            settings.ApplicationName = options.ApplicationName;
        }

        return settings;
    }

    /// <summary>The hosts a URI names, e.g. <c>db1:27017,db2:27017</c> (never credentials).</summary>
    public static string DescribeHosts(MongoClientSettings settings)
    {
        if (settings.Scheme == MongoDB.Driver.Core.Configuration.ConnectionStringScheme.MongoDBPlusSrv)
        {
            return settings.Server.Host + " (SRV)";
        }

        return string.Join(",", settings.Servers.Select(s => s.Host + ":" + s.Port.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Removes the raw URI (with any password) from a driver message.</summary>
    public static string Scrub(string message, string uri, string displayUri) =>
        message.Replace(uri, displayUri, StringComparison.Ordinal).Split('\n')[0].TrimEnd('\r', '.');

    private static bool HasOption(string uri, string name) =>
        Regex.IsMatch(uri, @"[?&]" + Regex.Escape(name) + "=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
