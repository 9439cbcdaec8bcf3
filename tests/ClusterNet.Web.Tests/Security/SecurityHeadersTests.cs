using System.Net.Http.Headers;

namespace ClusterNet.Web.Tests.Security;

/// <summary>Every kind of response (login page, API, page shell, static file, 401) carries the security headers.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private const string Token = "5ec5ec5ec5ec5ec5ec5ec5ec5ec5ec5e";
    private RunningApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}"]);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/login", false)]
    [InlineData("/api/snapshot", true)]
    [InlineData("/api/snapshot", false)]
    [InlineData("/cluster", true)]
    [InlineData("/css/app.css", false)]
    [InlineData("/healthz", false)]
    public async Task Response_AnyRoute_CarriesSecurityHeaders(string path, bool authenticated)
    {
        using var client = _app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        using var response = await client.SendAsync(request);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Response_Any_DoesNotAnnounceServerSoftware()
    {
        using var client = _app.Client();
        using var response = await client.GetAsync("/healthz");
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }
}
