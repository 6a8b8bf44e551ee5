using System.Collections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TokenDashboard.Hosting.Logging;

/// <summary>
/// Wraps the app's <see cref="ILoggerFactory"/> so that every logger — the framework's request logging included,
/// at every level, for every provider — passes messages, structured values, scopes and exceptions through
/// <see cref="SecretRedactor"/>. Redaction is lazy: it costs nothing for a log event no provider wants.
/// Some categories write what a person typed and cannot be redacted by shape: SignalR's hub dispatcher logs each
/// invocation with its arguments at Debug (a Blazor event carries the value of the field typed into, a password
/// too), and the circuit and JS interop log arguments and results below Information. Below Information those
/// categories are dropped here, whatever the configured levels say (Logging:LogLevel:Default=Trace included).
/// </summary>
internal sealed class SecretRedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Categories (and their children) whose Debug and Trace events may carry typed input.</summary>
    internal static readonly string[] PayloadCategories =
    [
        "Microsoft.AspNetCore.SignalR",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components",
        "Microsoft.JSInterop",
    ];

    public ILogger CreateLogger(string categoryName)
    {
        var logger = new SecretRedactingLogger(inner.CreateLogger(categoryName));
        return CarriesPayloads(categoryName) ? new InformationAndAbove(logger) : logger;
    }

    internal static bool CarriesPayloads(string category) =>
        PayloadCategories.Any(prefix => category.StartsWith(prefix, StringComparison.Ordinal)
            && (category.Length == prefix.Length || category[prefix.Length] == '.'));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}

internal static class SecretRedactingLoggingExtensions
{
    /// <summary>Replaces the logger factory with one that redacts credentials; call after logging is registered.</summary>
    public static IServiceCollection AddSecretRedactingLogging(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new SecretRedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        return services;
    }
}

/// <summary>Passes on only Information and above.</summary>
internal sealed class InformationAndAbove(ILogger inner) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Information)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}

internal sealed class SecretRedactingLogger(ILogger inner) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        state is IReadOnlyList<KeyValuePair<string, object?>> values
            ? inner.BeginScope(new RedactedValues(values, state.ToString))
            : inner.BeginScope(new RedactedText(state));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        var redacted = new RedactedValues(values, () => formatter(state, exception));
        inner.Log(logLevel, eventId, redacted, RedactedException.Of(exception), static (s, _) => s.ToString());
    }
}

/// <summary>Structured log state whose values and formatted message are redacted when read.</summary>
internal sealed class RedactedValues(IReadOnlyList<KeyValuePair<string, object?>> values, Func<string?> format)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";
    private string? message;

    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => Redact(values[index]);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < values.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The formatted message with each credential-holding value replaced by its redacted self first, so a line
    /// built around a query string keeps what follows it (status, elapsed time) instead of being cut at the value.
    /// </summary>
    public override string ToString() => message ??= SecretRedactor.RedactAround(format() ?? "",
        values.Where(pair => pair.Key != OriginalFormat).Select(pair => pair.Value).OfType<string>().Where(SecretRedactor.ContainsSecret));

    private static KeyValuePair<string, object?> Redact(KeyValuePair<string, object?> pair) =>
        pair.Key == OriginalFormat ? pair : new(pair.Key, RedactValue(pair.Value));

    /// <summary>Numbers, dates and the like cannot hold a credential and keep their type; anything else is text.</summary>
    private static object? RedactValue(object? value) => value switch
    {
        null => null,
        string text => SecretRedactor.Redact(text),
        _ when value.GetType().IsPrimitive || value is Enum or DateTime or DateTimeOffset or TimeSpan or Guid or decimal => value,
        IEnumerable sequence when value is not IFormattable => string.Join(", ", sequence.Cast<object?>().Select(v => SecretRedactor.Redact(v?.ToString() ?? ""))),
        _ => SecretRedactor.Redact(value.ToString() ?? ""),
    };
}

/// <summary>A non-structured scope (a string, an anonymous object), redacted when written.</summary>
internal sealed class RedactedText(object state)
{
    public override string ToString() => SecretRedactor.Redact(state.ToString() ?? "");
}

/// <summary>An exception whose text held a credential: same type name and stack, credential removed.</summary>
internal sealed class RedactedException : Exception
{
    private readonly string text;

    private RedactedException(Exception original)
        : base(SecretRedactor.Redact(original.Message)) =>
        text = SecretRedactor.Redact(original.ToString());

    public static Exception? Of(Exception? exception) =>
        exception is null || !SecretRedactor.ContainsSecret(exception.ToString()) ? exception : new RedactedException(exception);

    public override string? StackTrace => null;

    /// <summary>The original's full text (type, message, inner exceptions, stack), redacted.</summary>
    public override string ToString() => text;
}
