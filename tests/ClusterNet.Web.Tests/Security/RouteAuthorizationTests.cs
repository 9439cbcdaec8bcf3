using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// Every endpoint the app maps (read from its EndpointDataSource, so routes added later are covered without touching
/// this test) refuses an anonymous caller in Token mode: 401 for the API, the hubs and the circuit, a redirect to
/// /login for pages. Only health, login, the error page and static files are open.
/// </summary>
public sealed class RouteAuthorizationTests : IAsyncLifetime
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private static readonly string[] OpenRoutes = ["/healthz", "/readyz", "/login", "/error"];
    private RunningApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}"]);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>MapStaticAssets endpoints carry their StaticAssetDescriptor (not public in every version, hence by name).</summary>
    public static bool IsStaticAsset(Endpoint endpoint) => endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");

    /// <summary>Every (method, concrete URL) pair of the app's route endpoints, with route parameters filled in.</summary>
    private List<(string Method, string Path, RouteEndpoint Endpoint)> Routes()
    {
        var source = _app.Services.GetRequiredService<EndpointDataSource>();
        var routes = new List<(string, string, RouteEndpoint)>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var path = Concrete(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET"];
            routes.AddRange(methods.Where(x => x != "OPTIONS").Select(x => (x, path, endpoint)));
        }

        return routes;
    }

    private static string Concrete(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1" : "x",
            _ => "x",
        })));
        return "/" + string.Join('/', segments);
    }

    [Fact]
    public async Task EveryRoute_Anonymous_UnauthorizedOrRedirectedToLogin()
    {
        var routes = Routes();
        var guarded = routes.Where(r => !IsStaticAsset(r.Endpoint) && !OpenRoutes.Contains(r.Path)).ToList();
        // The enumeration must see the app's real surface, or the test proves nothing.
        Assert.Contains(guarded, r => r.Path == "/api/snapshot");
        Assert.Contains(guarded, r => r.Path == "/hubs/cluster");
        Assert.Contains(guarded, r => r.Path == "/hubs/cluster/negotiate");
        Assert.Contains(guarded, r => r.Path == "/cluster");
        Assert.Contains(guarded, r => r.Path.StartsWith("/_blazor", StringComparison.Ordinal));

        using var client = _app.Client();
        var failures = new List<string>();
        foreach (var (method, path, _) in guarded)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            // The metrics scrape is a machine's request too: 401 even when the client asks for HTML.
            var machine = path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/hubs", StringComparison.Ordinal) || path.StartsWith("/_blazor", StringComparison.Ordinal) || path == "/metrics";
            request.Headers.Accept.ParseAdd(machine && path != "/metrics" ? "application/json" : "text/html");
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var ok = machine
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && LoginPath(response.Headers.Location) == "/login";
            if (!ok)
            {
                failures.Add($"{method} {path} → {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, "open to anonymous callers:\n" + string.Join('\n', failures));
    }

    private Uri Absolute(Uri? location) => location is null ? new Uri("about:blank") : location.IsAbsoluteUri ? location : new Uri(_app.BaseAddress, location);

    private string LoginPath(Uri? location)
    {
        var absolute = Absolute(location);
        // Only a redirect to our own login page counts.
        return absolute.Authority == _app.BaseAddress.Authority ? absolute.AbsolutePath : absolute.ToString();
    }

    [Fact]
    public async Task OpenRoutes_Anonymous_Answer()
    {
        using var client = _app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Contains((await client.GetAsync("/readyz")).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
        var asset = Routes().First(r => IsStaticAsset(r.Endpoint) && r.Path.EndsWith(".css", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset.Path)).StatusCode);
    }

    [Fact]
    public async Task EveryRoute_OnlyTheKnownOpenOnes_AllowAnonymous()
    {
        // A new AllowAnonymous endpoint is a decision to review here, not something to slip in.
        var anonymous = Routes()
            .Where(r => !IsStaticAsset(r.Endpoint) && r.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
            .Select(r => r.Path).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(OpenRoutes.Order(StringComparer.Ordinal), anonymous);
    }
}
