using System.ComponentModel;
using Ferry.Core.Errors;
using Microsoft.Extensions.Logging;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary><c>--log-format</c> and <c>--log-level</c>, options of every verb (see docs/monitoring.md, Logs).</summary>
public partial class FerrySettings
{
    [CommandOption("--log-format <FORMAT>")]
    [Description("Logs on standard error: text (default) or json (one JSON object per line, for log shippers); default $FERRY_LOG_FORMAT")]
    public string? LogFormat { get; init; }

    [CommandOption("--log-level <LEVEL>")]
    [Description("Least severe log line written: trace, debug, info, warning, error, none (default: warning for text, info for json; $FERRY_LOG_LEVEL)")]
    public string? LogLevel { get; init; }

    /// <summary>True for JSON lines: --log-format, then FERRY_LOG_FORMAT.</summary>
    public bool JsonLogs() => (LogFormat ?? Environment.GetEnvironmentVariable("FERRY_LOG_FORMAT")) switch
    {
        null or "" or "text" => false,
        "json" => true,
        var other => throw new UserInputException(LogFormat is null
            ? $"FERRY_LOG_FORMAT={other}: expected text or json"
            : $"--log-format {other}: expected text or json"),
    };

    /// <summary>The least severe level logged: --log-level, then FERRY_LOG_LEVEL, then warning (text) or information (json).</summary>
    public LogLevel MinimumLogLevel(bool json)
    {
        var text = LogLevel ?? Environment.GetEnvironmentVariable("FERRY_LOG_LEVEL");
        return text switch
        {
            null or "" => json ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Warning,
            "trace" => Microsoft.Extensions.Logging.LogLevel.Trace,
            "debug" => Microsoft.Extensions.Logging.LogLevel.Debug,
            "info" or "information" => Microsoft.Extensions.Logging.LogLevel.Information,
            "warn" or "warning" => Microsoft.Extensions.Logging.LogLevel.Warning,
            "error" => Microsoft.Extensions.Logging.LogLevel.Error,
            "critical" => Microsoft.Extensions.Logging.LogLevel.Critical,
            "none" => Microsoft.Extensions.Logging.LogLevel.None,
            _ => throw new UserInputException($"{(LogLevel is null ? "FERRY_LOG_LEVEL=" : "--log-level ")}{text}: expected trace, debug, info, warning, error, critical or none"),
        };
    }
}
