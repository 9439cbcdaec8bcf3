using System.Text.RegularExpressions;

namespace ClusterNet.Web.Security;

/// <summary>
/// Wraps every logging provider so that secrets sent in URLs never reach a log: SignalR clients pass the bearer token
/// as <c>?access_token=</c> (browsers can't set headers on WebSocket upgrades), and ASP.NET's own request log line
/// prints the whole URL before any middleware of ours runs.
/// </summary>
public sealed partial class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public const string Replacement = "[redacted]";

    public ILoggerProvider Inner => inner;

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => inner.Dispose();

    /// <summary>The text with every access_token query value replaced.</summary>
    public static string Redact(string text) =>
        text.Contains("access_token", StringComparison.OrdinalIgnoreCase) ? AccessToken().Replace(text, "$1" + Replacement) : text;

    /// <summary>Wraps the providers registered so far (call once, after every provider is added).</summary>
    public static void WrapAll(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType != typeof(ILoggerProvider) || d.IsKeyedService || d.ImplementationType == typeof(RedactingLoggerProvider))
            {
                continue;
            }

            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp => new RedactingLoggerProvider(d switch
            {
                { ImplementationInstance: ILoggerProvider instance } => instance,
                { ImplementationFactory: { } factory } => (ILoggerProvider)factory(sp),
                _ => (ILoggerProvider)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!),
            }));
        }
    }

    // access_token=VALUE up to the next query separator, whitespace or quote.
    [GeneratedRegex(@"(access_token=)[^&\s""']*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccessToken();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (!message.Contains("access_token", StringComparison.OrdinalIgnoreCase) && !HasSecretValue(state))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            // Structured values too: JSON console and OpenTelemetry exporters write them next to the message.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is string s ? Redact(s) : p.Value)).ToList()
                : [];
            values.RemoveAll(p => p.Key == "{OriginalFormat}");
            inner.Log(logLevel, eventId, new RedactedState(values, Redact(message)), exception, static (s, _) => s.Message);
        }

        private static bool HasSecretValue<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs &&
            pairs.Any(p => p.Value is string s && s.Contains("access_token", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class RedactedState(List<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}
