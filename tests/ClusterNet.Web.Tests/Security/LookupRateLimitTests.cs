using System.Net;
using System.Text;
using System.Text.Json;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Tests.Dns.Support;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// POST /api/dns/lookup sends packets on the caller's behalf: past the configured burst it answers 429 with Retry-After
/// and a message, without sending anything, while other routes stay open. The page uses the same limits.
/// </summary>
public sealed class LookupRateLimitTests : IAsyncLifetime
{
    private static readonly IPAddress Loopback = IPAddress.Parse($"127.{Random.Shared.Next(60, 250)}.{Random.Shared.Next(1, 250)}.54");
    private RunningApp _app = null!;
    private LoopbackDnsResponder _dns = null!;

    public async Task InitializeAsync()
    {
        _dns = LoopbackDnsResponder.Start(
            DnsAnswers.Parse("""{"10.96.0.10": {"default": "NXDOMAIN", "names": {"s.svc.cluster.local": {"A": ["10.96.0.20"]}}}}"""),
            new Dictionary<IPAddress, string> { [Loopback] = "10.96.0.10" }, port: 0);
        // The loopback responder is no cluster DNS server: allowed through Dns:LookupAllow (its address and port).
        _app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Http:LookupBurst=2", "--Http:LookupsPerMinute=1", $"--Dns:LookupAllow:0={Loopback}:{_dns.Port}"]);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _dns.DisposeAsync();
    }

    private StringContent Lookup(string name, string libc = "glibc") => new(JsonSerializer.Serialize(new
    {
        name,
        resolvConf = "nameserver 10.96.0.10\nsearch ns.svc.cluster.local svc.cluster.local\noptions ndots:5 timeout:1\n",
        libc,
        server = Loopback.ToString(),
        port = _dns.Port,
    }), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Lookup_PastBurst_429WithRetryAfterAndNoQueriesSent()
    {
        using var client = _app.Client();

        using var first = await client.PostAsync("/api/dns/lookup", Lookup("s"));
        using var json = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("would resolve s to 10.96.0.20", json.RootElement.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        Assert.Equal("NXDOMAIN", json.RootElement.GetProperty("live")[0].GetProperty("live").GetString());

        using var second = await client.PostAsync("/api/dns/lookup", Lookup("s", "musl"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await Task.Delay(100);
        var sent = _dns.Log.Count;

        using var third = await client.PostAsync("/api/dns/lookup", Lookup("s"));
        var problem = await third.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("Too many lookups", problem, StringComparison.Ordinal);
        await Task.Delay(100);
        Assert.Equal(sent, _dns.Log.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/snapshot")).StatusCode);
    }

    [Fact]
    public void Throttle_Circuit_SameLimitsPerUser()
    {
        using var throttle = new Web.Security.LookupThrottle(new Web.Security.HttpLimitsOptions { LookupBurst = 2, LookupsPerMinute = 1 });
        var alice = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "alice")], "test"));
        var bob = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "bob")], "test"));

        Assert.True(throttle.TryAcquire(alice, out _));
        Assert.True(throttle.TryAcquire(alice, out _));
        Assert.False(throttle.TryAcquire(alice, out var wait));
        Assert.True(wait > TimeSpan.Zero);
        Assert.True(throttle.TryAcquire(bob, out _));
    }
}
