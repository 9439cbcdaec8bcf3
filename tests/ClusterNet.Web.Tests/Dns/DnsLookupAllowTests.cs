using System.Net;
using System.Text;
using System.Text.Json;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Tests.Dns.Support;
using ClusterNet.Web.Dns;
using ClusterNet.Web.PageModels.Dns;
using ClusterNet.Web.Security;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.Dns;

/// <summary>
/// Live lookups only ask port 53 of the cluster's DNS servers (kube-dns, NodeLocal DNSCache, the pods' nameservers)
/// or what Dns:LookupAllow adds: anything else is refused (403, a message naming the server and the setting) before a
/// packet is sent. The API and the page draw from one per-user budget.
/// </summary>
public sealed class DnsLookupAllowTests
{
    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "dns"), DnsFixture.Objects());

    [Fact]
    public void ClusterServers_KubeDnsAndPodNameservers()
    {
        var servers = DnsLookupAllowList.ClusterServers(Snapshot, DnsClusterSettings.Default);
        Assert.Contains("10.96.0.10", servers);
        Assert.Equal("10.96.0.10", ClusterFacts.Of(Snapshot).Dns.KubeDnsIp);
    }

    [Theory]
    [InlineData("10.96.0.10", 53, new string[0], true)]
    [InlineData("10.96.0.10", 5353, new string[0], false)]
    [InlineData("10.0.0.1", 53, new string[0], false)]
    [InlineData("10.0.0.1", 53, new[] { "10.0.0.1" }, true)]
    [InlineData("10.0.0.1", 5353, new[] { "10.0.0.1" }, false)]
    [InlineData("10.0.0.1", 5353, new[] { "10.0.0.1:5353" }, true)]
    [InlineData("10.0.3.9", 53, new[] { "10.0.0.0/16" }, true)]
    [InlineData("10.1.0.9", 53, new[] { "10.0.0.0/16" }, false)]
    [InlineData("127.0.0.7", 1053, new[] { "127.0.0.0/8:1053" }, true)]
    [InlineData("fd00::1", 5353, new[] { "[fd00::1]:5353" }, true)]
    public void Refusal_OnlyClusterDnsOn53OrConfigured(string server, int port, string[] allow, bool allowed)
    {
        var refusal = DnsLookupAllowList.Refusal(server, port, DnsLookupAllowList.ClusterServers(Snapshot, DnsClusterSettings.Default), DnsLookupAllowList.Parse(allow));
        Assert.Equal(allowed, refusal is null);
    }

    [Fact]
    public void Refusal_NamesServerPortAndSetting()
    {
        var refusal = DnsLookupAllowList.Refusal("10.0.0.1", 6379, ["10.96.0.10"], []);
        Assert.Equal(
            "Live lookups to 10.0.0.1:6379 are not allowed: only port 53 of the cluster's DNS servers (the kube-dns Service, NodeLocal DNSCache and the pods' nameservers) may be asked. To allow this server, add \"10.0.0.1:6379\" to Dns:LookupAllow in the dashboard's configuration.",
            refusal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dns.example.com")]
    [InlineData("10.0.0.1:0")]
    [InlineData("10.0.0.1:70000")]
    [InlineData("10.0.0.0/33")]
    [InlineData("[fd00::1")]
    public void Parse_BadEntry_FormatExceptionNamingIt(string entry)
    {
        var error = Assert.Throws<FormatException>(() => DnsLookupAllowList.Parse([entry]));
        Assert.Contains($"Dns:LookupAllow entry '{entry}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadLookupAllow_RefusesWithMessage()
    {
        await using var app = Web.ClusterNetWebApplication.Create(["--urls", "http://127.0.0.1:0", "--Cluster:Source=demo", "--Dns:LookupAllow:0=10.0.0.1", "--Dns:LookupAllow:1=bogus:53"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Dns:LookupAllow entry 'bogus:53' is not an IP, IP:PORT or CIDR", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'10.0.0.1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageModel_NotAllowedServer_RefusedWithTheSameMessage()
    {
        using var throttle = new LookupThrottle(new HttpLimitsOptions { LookupBurst = 5, LookupsPerMinute = 5 });
        var model = new DnsPageModel(new DnsReportCache(), new DnsLiveLookup(), throttle, new DnsLookupGuard());
        model.Show(Snapshot, new DnsPageUrl { Pod = "shop/php-fpm-7d9f8c6b5-abcde", Name = "baidu.com" });

        model.SetLiveServer("10.0.0.1");
        await model.RunLiveAsync(null);
        Assert.StartsWith("Live lookups to 10.0.0.1:53 are not allowed", model.Live.Error, StringComparison.Ordinal);
        Assert.Contains("Dns:LookupAllow", model.Live.Error, StringComparison.Ordinal);
        Assert.Null(model.Live.Result);

        model.SetLiveServer("10.96.0.10");
        model.SetLivePort(5353);
        await model.RunLiveAsync(null);
        Assert.StartsWith("Live lookups to 10.96.0.10:5353 are not allowed", model.Live.Error, StringComparison.Ordinal);
        Assert.Null(model.Live.Result);
    }

    [Fact]
    public async Task Api_NotAllowedServerOrPort_403AndNoPacket()
    {
        var loopback = IPAddress.Parse($"127.{Random.Shared.Next(60, 250)}.{Random.Shared.Next(1, 250)}.53");
        await using var dns = LoopbackDnsResponder.Start(
            DnsAnswers.Parse("""{"10.96.0.10": {"default": "NXDOMAIN"}}"""),
            new Dictionary<IPAddress, string> { [loopback] = "10.96.0.10" }, port: 0);
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Http:LookupBurst=10", "--Http:LookupsPerMinute=10"]);
        var kubeDns = ClusterFacts.Of(app.Services.GetRequiredService<ISnapshotFeed>().Current).Dns.KubeDnsIp;
        using var client = app.Client();

        foreach (var (server, port) in new[] { (loopback.ToString(), dns.Port), (kubeDns ?? "10.96.0.10", 5353) })
        {
            using var response = await client.PostAsync("/api/dns/lookup", Body(server, port));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(
                $"Live lookups to {server}:{port} are not allowed: only port 53 of the cluster's DNS servers (the kube-dns Service, NodeLocal DNSCache and the pods' nameservers) may be asked. To allow this server, add \"{server}:{port}\" to Dns:LookupAllow in the dashboard's configuration.",
                json.RootElement.GetProperty("error").GetString());
        }

        await Task.Delay(100);
        Assert.Empty(dns.Log);
    }

    [Fact]
    public async Task Api_AndPage_ShareOneBudget()
    {
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Http:LookupBurst=1", "--Http:LookupsPerMinute=1"]);
        var throttle = app.Services.GetRequiredService<LookupThrottle>();
        using var client = app.Client();

        // The page (same caller: anonymous, from 127.0.0.1) spends the one lookup; the API then has none left.
        Assert.True(throttle.TryAcquire(null, "127.0.0.1", out _));
        using var refused = await client.PostAsync("/api/dns/lookup", Body("10.0.0.1", 53));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many lookups", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(throttle.TryAcquire(null, "127.0.0.1", out _));
    }

    [Fact]
    public async Task PageModel_BeforeSignIn_KeyedByRemoteAddressLikeTheApi()
    {
        using var throttle = new LookupThrottle(new HttpLimitsOptions { LookupBurst = 1, LookupsPerMinute = 1 });
        var model = new DnsPageModel(new DnsReportCache(), new DnsLiveLookup(), throttle, new DnsLookupGuard());
        model.Show(Snapshot, new DnsPageUrl { Pod = "shop/php-fpm-7d9f8c6b5-abcde", Name = "baidu.com" });

        // The API's anonymous caller from 10.1.1.1 spent it: the page opened from 10.1.1.1 has none left, 10.2.2.2 has.
        Assert.True(throttle.TryAcquire(null, "10.1.1.1", out _));
        model.SetLiveServer("10.0.0.1");
        await model.RunLiveAsync(null, "10.1.1.1");
        Assert.StartsWith("Too many live lookups; try again in", model.Live.Error, StringComparison.Ordinal);
        await model.RunLiveAsync(null, "10.2.2.2");
        Assert.StartsWith("Live lookups to 10.0.0.1:53 are not allowed", model.Live.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_SpendsTheBudgetThePageDrawsFrom()
    {
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Http:LookupBurst=1", "--Http:LookupsPerMinute=1"]);
        var throttle = app.Services.GetRequiredService<LookupThrottle>();
        using var client = app.Client();

        using var first = await client.PostAsync("/api/dns/lookup", Body("10.0.0.1", 53));
        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.False(throttle.TryAcquire(null, "127.0.0.1", out var wait));
        Assert.True(wait > TimeSpan.Zero);
    }

    private static StringContent Body(string server, int port) => new(JsonSerializer.Serialize(new
    {
        name = "s",
        resolvConf = "nameserver 10.96.0.10\nsearch ns.svc.cluster.local svc.cluster.local\noptions ndots:5 timeout:1\n",
        libc = "glibc",
        server,
        port,
    }), Encoding.UTF8, "application/json");
}
