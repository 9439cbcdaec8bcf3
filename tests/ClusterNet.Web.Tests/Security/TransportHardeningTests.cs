using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ClusterNet.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterNet.Web.Tests.Security;

/// <summary>Host allow-list in Auth:Mode=None, Secure cookies and HSTS behind a TLS-terminating proxy, secrets kept out of logs.</summary>
public sealed partial class TransportHardeningTests
{
    private const string Token = "c0ffee00c0ffee00c0ffee00c0ffee00";

    [GeneratedRegex("name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<HttpResponseMessage> SendAsync(RunningApp app, string path, string? host = null, params (string Name, string Value)[] headers)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("evil.example:5080", HttpStatusCode.BadRequest)]
    [InlineData("127.0.0.1.nip.io", HttpStatusCode.BadRequest)]
    [InlineData("localhost.evil.example", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("localhost:5080", HttpStatusCode.OK)]
    [InlineData("LOCALHOST:1", HttpStatusCode.OK)]
    [InlineData("127.0.0.1:8080", HttpStatusCode.OK)]
    [InlineData("[::1]:5080", HttpStatusCode.OK)]
    public async Task ModeNone_HostHeader_OnlyLoopbackNamesServed(string host, HttpStatusCode expected)
    {
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo"]);

        using var api = await SendAsync(app, "/api/snapshot", host);

        Assert.Equal(expected, api.StatusCode);
    }

    [Fact]
    public async Task TokenMode_HostHeader_AnyNameServed()
    {
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}"]);

        using var response = await SendAsync(app, "/api/snapshot", "clusternet.example.com", ("Authorization", "Bearer " + Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(SecureCookieMode.Auto, "http://0.0.0.0:8080", CookieSecurePolicy.Always)]
    [InlineData(SecureCookieMode.Auto, "http://[::]:8080", CookieSecurePolicy.Always)]
    [InlineData(SecureCookieMode.Auto, "http://127.0.0.1:5080", CookieSecurePolicy.SameAsRequest)]
    [InlineData(SecureCookieMode.Auto, "", CookieSecurePolicy.SameAsRequest)]
    [InlineData(SecureCookieMode.Always, "http://127.0.0.1:5080", CookieSecurePolicy.Always)]
    [InlineData(SecureCookieMode.SameAsRequest, "http://0.0.0.0:8080", CookieSecurePolicy.SameAsRequest)]
    public void CookiePolicy_ListenAddresses_SecureUnlessLocal(SecureCookieMode mode, string url, CookieSecurePolicy expected) =>
        Assert.Equal(expected, AuthOptions.CookiePolicy(mode, url.Length == 0 ? [] : [url]));

    [Fact]
    public async Task Login_SecureCookieAlwaysOverPlainHttp_CookieIsSecure()
    {
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}", "--Auth:SecureCookie=Always"]);
        using var client = app.Client(new CookieContainer());
        var match = AntiforgeryField().Match(await client.GetStringAsync("/login"));

        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = Token, ["returnUrl"] = "/", [match.Groups[1].Value] = WebUtility.HtmlDecode(match.Groups[2].Value),
        }));

        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clusternet.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Hsts_HttpsThroughTrustedProxy_Sent_PlainHttp_NotSent()
    {
        await using var app = await RunningApp.StartAsync(
        [
            "--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}",
            "--ForwardedHeaders:Enabled=true", "--ForwardedHeaders:KnownProxies:0=127.0.0.1",
        ]);

        using var https = await SendAsync(app, "/healthz", "clusternet.example.com", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.7"));
        using var http = await SendAsync(app, "/healthz", "clusternet.example.com");

        Assert.Contains("max-age=", string.Join(",", https.Headers.TryGetValues("Strict-Transport-Security", out var v) ? v : []), StringComparison.Ordinal);
        Assert.False(http.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task RequestLog_HubAccessToken_Redacted()
    {
        var capture = new CaptureProvider();
        await using var app = await RunningApp.StartAsync(
            ["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}", "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft=Trace"],
            b => b.Logging.AddProvider(capture));

        using var response = await SendAsync(app, "/hubs/cluster?id=abc&access_token=" + Token + "&x=1");
        await app.App.StopAsync();

        Assert.Contains(capture.Messages, m => m.Contains("/hubs/cluster", StringComparison.Ordinal));
        Assert.Contains(capture.Messages, m => m.Contains("access_token=" + RedactingLoggerProvider.Replacement, StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Messages, m => m.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Values, v => v.Contains(Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    public async Task LogLevel_FrameworkCategories_WarningsOnlyOutsideDevelopment(string environment, bool requestsLogged)
    {
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--environment", environment]);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.Equal(requestsLogged, loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.Equal(requestsLogged, loggers.CreateLogger("System.Net.Http.HttpClient.Default").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Microsoft.Hosting.Lifetime").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("ClusterNet.Web.ClusterNetWebApplication").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task LogLevel_OperatorSetting_StillWins()
    {
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Logging:LogLevel:Microsoft=Information"]);

        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    private sealed class CaptureProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ConcurrentQueue<string> Values { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capture(this);

        public void Dispose()
        {
        }

        private sealed class Capture(CaptureProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                owner.Messages.Enqueue(formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var pair in pairs)
                    {
                        owner.Values.Enqueue(pair.Value?.ToString() ?? "");
                    }
                }
            }
        }
    }
}
