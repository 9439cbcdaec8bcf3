using System.Net;
using System.Text.Json;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.Security;

public sealed class ProxyTrustTests
{
    private static async Task<JsonElement> EchoAsync(WebAppFactory factory, string remote, string xff)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/echo";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            c.Request.Headers["X-Forwarded-For"] = xff;
        });
        Assert.Equal(200, context.Response.StatusCode);
        return await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
    }

    [Fact]
    public async Task Echo_FromConfiguredTrustedNetwork_UsesForwardedClient()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(), new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.244.0.0/16",
        });

        var trusted = await EchoAsync(factory, "10.244.1.3", "203.0.113.7");
        var untrusted = await EchoAsync(factory, "198.51.100.9", "203.0.113.7");

        Assert.Equal("203.0.113.7", trusted.GetProperty("clientIp").GetString());
        Assert.Equal("198.51.100.9", untrusted.GetProperty("clientIp").GetString());
    }

    [Fact]
    public async Task Echo_ByDefault_IgnoresForwardingHeaders()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());
        var echo = await EchoAsync(factory, "10.244.1.3", "203.0.113.7");
        Assert.Equal("10.244.1.3", echo.GetProperty("clientIp").GetString());
    }

    [Fact]
    public async Task Start_BadTrustedNetwork_FailsNamingTheSetting()
    {
        await using var app = Web.ClusterNetWebApplication.Create(["--urls", "http://127.0.0.1:0", "--ForwardedHeaders:Enabled=true", "--ForwardedHeaders:KnownNetworks:0=10.244.0.0/33"]);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("ForwardedHeaders:KnownNetworks:0 '10.244.0.0/33' is not a CIDR", error.Message);
    }
}
