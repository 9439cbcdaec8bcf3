using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// Uploads: bodies over the limit are refused by Kestrel before any parsing, hostile YAML (alias bombs, absurd
/// nesting) is refused by the manifest reader with a message, both quickly, and the app keeps serving.
/// </summary>
public sealed class UploadLimitTests : IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Http:MaxRequestBodyBytes=262144"]);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>
    /// Every POST/PUT/PATCH endpoint of the app (new upload endpoints are covered without touching this test), and
    /// whether it binds a body (IAcceptsMetadata): those must answer 413; the others (login, logout) never read that much.
    /// </summary>
    private List<(string Route, bool BindsBody)> BodyRoutes() =>
    [
        .. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH") == true)
            .Where(e => e.RoutePattern.Parameters.Count == 0 && !(e.RoutePattern.RawText ?? "").StartsWith("/_blazor", StringComparison.Ordinal)
                        && !(e.RoutePattern.RawText ?? "").StartsWith("/hubs", StringComparison.Ordinal))
            .Select(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), e.Metadata.GetMetadata<IAcceptsMetadata>() is not null))
            .Distinct(),
    ];

    [Fact]
    public async Task Post_BodyOverLimit_RefusedQuicklyOnEveryUploadRoute()
    {
        var routes = BodyRoutes();
        Assert.Contains(("/api/policy/what-if", true), routes);
        Assert.Contains(("/api/dns/lookup", true), routes);
        var yaml = "# " + new string('x', 300 * 1024) + "\n";
        using var client = _app.Client();

        foreach (var (route, bindsBody) in routes)
        {
            var stopwatch = Stopwatch.StartNew();
            // Expect: 100-continue lets the server refuse before the body is on the wire; without it the client may
            // still be sending when the server answers 413 and closes, and sees a reset instead of the answer.
            using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = Json(new { yaml }) };
            request.Headers.ExpectContinue = true;
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(bindsBody ? response.StatusCode == HttpStatusCode.RequestEntityTooLarge : status is >= 300 and < 500, $"{route}: {status}");
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"{route} took {stopwatch.Elapsed}");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task WhatIf_YamlAliasBomb_RejectedQuicklyWithMessage()
    {
        // "Billion laughs": nine levels of nine aliases, 9^9 nodes once expanded, a few hundred bytes on the wire.
        var lines = new StringBuilder("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bomb, namespace: dev}\nx0: &a0 [lol]\n");
        for (var i = 1; i < 10; i++)
        {
            lines.Append($"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        using var client = _app.Client();
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.PostAsync("/api/policy/what-if", Json(new { yaml = lines.ToString() }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("alias", body, StringComparison.OrdinalIgnoreCase);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task WhatIf_AbsurdNesting_RejectedQuicklyWithMessage()
    {
        var depth = 5000;
        var yaml = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deep, namespace: dev}\nspec: " + new string('[', depth) + new string(']', depth) + "\n";
        using var client = _app.Client();
        var stopwatch = Stopwatch.StartNew();

        using var response = await client.PostAsync("/api/policy/what-if", Json(new { yaml }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nesting deeper than", body, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Post_DeeplyNestedJson_RejectedWithoutStackTrace()
    {
        using var client = _app.Client();
        var json = new string('[', 10_000) + new string(']', 10_000);

        using var response = await client.PostAsync("/api/policy/what-if", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
