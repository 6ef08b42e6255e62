using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Ferry.Cli.Infrastructure.Logging;

/// <summary>
/// One log entry as a line: <c>HH:mm:ss level message</c>, or (for log shippers) one JSON object with
/// <c>timestamp</c>, <c>level</c>, <c>category</c>, <c>event_id</c>, <c>message</c> and the entry's structured fields
/// in snake_case (<c>run_id</c>, <c>verb</c>, <c>database</c>, <c>collection</c>, <c>event</c> …). The message, every
/// text field and the exception pass through <see cref="SecretRedactor"/>: no URI credential or notifier secret is
/// ever written.
/// </summary>
public sealed record LogLine(DateTime At, LogLevel Level, string Category, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> Fields, Exception? Exception)
{
    public string ToText()
    {
        var text = $"{At.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {LevelName(Level)} {SecretRedactor.Redact(Message)}";
        return Exception is null ? text : $"{text}: {SecretRedactor.Redact(Exception.Message)}";
    }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(Level));
            json.WriteString("category", Category);
            json.WriteNumber("event_id", EventId.Id);
            json.WriteString("message", SecretRedactor.Redact(Message));
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in Fields)
            {
                if (key == "{OriginalFormat}")
                {
                    continue;
                }

                var name = SnakeCase(key);
                if (names.Add(name) && name is not ("timestamp" or "level" or "category" or "event_id" or "message"))
                {
                    WriteValue(json, name, value);
                }
            }

            // A run's lines always carry a collection, null for run-wide events, so shippers index one shape.
            if (names.Contains("run_id") && !names.Contains("collection"))
            {
                json.WriteNull("collection");
            }

            if (Exception is not null)
            {
                json.WriteString("exception", SecretRedactor.Redact($"{Exception.GetType().Name}: {Exception.Message}"));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case bool b:
                json.WriteBoolean(name, b);
                break;
            case int or long or short or byte:
                json.WriteNumber(name, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double d when double.IsFinite(d):
                json.WriteNumber(name, d);
                break;
            case DateTime t:
                json.WriteString(name, t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(name, SecretRedactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture)));
                break;
        }
    }

    /// <summary><c>RunId</c> → <c>run_id</c> (and a C# keyword's <c>@event</c> → <c>event</c>).</summary>
    private static string SnakeCase(string name)
    {
        name = name.TrimStart('@');
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
