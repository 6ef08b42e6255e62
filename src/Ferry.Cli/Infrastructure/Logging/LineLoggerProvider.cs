using Microsoft.Extensions.Logging;

namespace Ferry.Cli.Infrastructure.Logging;

/// <summary>
/// Writes log lines to standard error as they happen (no background queue: a killed process loses no line already
/// logged), one per entry, as text or as one JSON object (<see cref="LogLine"/>). Every line is redacted.
/// </summary>
public sealed class LineLoggerProvider(TextWriter writer, bool json) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            writer.Flush();
        }
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private sealed class LineLogger(LineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The factory's minimum level filters before this is asked.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            var entry = new LogLine(DateTime.UtcNow, logLevel, category, eventId, formatter(state, exception), fields, exception);
            provider.Write(provider.Json ? entry.ToJson() : entry.ToText());
        }
    }

    private bool Json => json;
}
