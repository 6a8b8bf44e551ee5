using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps everything the app logs — message, every structured value, the scopes around it
/// and the exception — so tests can search what would have reached a real sink.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, string Everything);

    private readonly ConcurrentQueue<Entry> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<Entry> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var text = new StringBuilder(message);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }
            owner.scopes.ForEachScope((scope, builder) =>
            {
                builder.Append(" | scope: ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        builder.Append(' ').Append(key).Append('=').Append(value);
                    }
                }
            }, text);
            if (exception is not null)
            {
                text.Append(" | exception: ").Append(exception);
            }
            owner.entries.Enqueue(new Entry(category, logLevel, eventId, message, text.ToString()));
        }
    }
}
