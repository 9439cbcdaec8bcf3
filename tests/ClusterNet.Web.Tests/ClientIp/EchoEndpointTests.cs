using System.Net;
using System.Text.Json;
using ClusterNet.Web.ClientIp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterNet.Web.Tests.ClientIp;

/// <summary>GET /api/echo in a host wired like the dashboard: capture first, then UseForwardedHeaders, then the endpoint.</summary>
public sealed class EchoEndpointTests
{
    private static async Task<WebApplication> StartAsync(Action<ForwardedHeadersOptions> configure, bool capture = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.Configure(configure);
        var app = builder.Build();
        if (capture)
        {
            app.UseClientIpEchoCapture();
        }

        app.UseForwardedHeaders();
        app.MapClientIpEndpoints();
        await app.StartAsync();
        return app;
    }

    private static async Task<JsonElement> EchoAsync(WebApplication app, string remote, params (string Name, string Value)[] headers)
    {
        var server = app.GetTestServer();
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/echo";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            c.Connection.RemotePort = 40000;
            foreach (var (name, value) in headers)
            {
                c.Request.Headers.Append(name, value);
            }
        });
        Assert.Equal(200, context.Response.StatusCode);
        return await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
    }

    [Fact]
    public async Task Echo_BehindTrustedProxy_ReportsRawAndDerived()
    {
        await using var app = await StartAsync(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.244.0.0/16"));
        });
        var echo = await EchoAsync(app, "10.244.1.5", ("X-Forwarded-For", "6.6.6.6, 203.0.113.7"), ("X-Real-IP", "203.0.113.7"));
        Assert.Equal("10.244.1.5", echo.GetProperty("remoteAddress").GetString());
        Assert.True(echo.GetProperty("rawCaptured").GetBoolean());
        Assert.Equal("6.6.6.6, 203.0.113.7", echo.GetProperty("headers").GetProperty("X-Forwarded-For")[0].GetString());
        Assert.Equal("203.0.113.7", echo.GetProperty("clientIp").GetString());
        Assert.Equal("203.0.113.7", echo.GetProperty("pipelineClientIp").GetString());
        Assert.Equal(["6.6.6.6"], echo.GetProperty("remainingXff").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("10.244.0.0/16", echo.GetProperty("forwardedHeaders").GetProperty("knownNetworks")[0].GetString());
        Assert.Contains(echo.GetProperty("steps").EnumerateArray(), s => s.GetProperty("decisive").GetBoolean());
    }

    [Fact]
    public async Task Echo_UntrustedSender_ClientIsSocket()
    {
        await using var app = await StartAsync(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor);
        var echo = await EchoAsync(app, "198.51.100.9", ("X-Forwarded-For", "1.2.3.4"));
        Assert.Equal("198.51.100.9", echo.GetProperty("clientIp").GetString());
    }

    [Fact]
    public async Task Echo_ForwardedHeadersNone_NoteExplains()
    {
        await using var app = await StartAsync(_ => { });
        var echo = await EchoAsync(app, "10.0.0.1", ("X-Forwarded-For", "1.2.3.4"));
        Assert.Equal("10.0.0.1", echo.GetProperty("clientIp").GetString());
        Assert.Contains(echo.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("does not include XForwardedFor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Echo_WithoutCapture_ReconstructsFromXOriginalFor()
    {
        await using var app = await StartAsync(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/8"));
        }, capture: false);
        var echo = await EchoAsync(app, "10.0.0.7", ("X-Forwarded-For", "203.0.113.7"));
        Assert.False(echo.GetProperty("rawCaptured").GetBoolean());
        Assert.Equal("10.0.0.7", echo.GetProperty("remoteAddress").GetString());
        Assert.Contains(echo.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("X-Original-For", StringComparison.Ordinal));
    }
}
