using System.Net;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Tests.Dns.Support;
using ClusterNet.Web.Dns;

namespace ClusterNet.Web.Tests.Dns;

/// <summary>The live lookup against a real DNS server on a loopback address (never another host).</summary>
public sealed class DnsLiveLookupTests
{
    // timeout:5, not 1: on a loaded CI machine the responder (or this process's thread pool) can take a second to answer,
    // which would turn an expected NXDOMAIN/NODATA into a timeout. The silent-server test sets its own short limit.
    private const string Conf = "nameserver 10.96.0.10\nsearch ns.svc.cluster.local svc.cluster.local\noptions ndots:5 timeout:5\n";

    private static IPAddress FreeLoopback() => IPAddress.Parse($"127.{Random.Shared.Next(60, 250)}.{Random.Shared.Next(1, 250)}.53");

    private static async Task<(LiveLookupResult Result, IReadOnlyList<LoggedQuery> Log)> Run(string answers, string libc, string name, TimeSpan? maxTimeout = null)
    {
        var address = FreeLoopback();
        // The responder plays the resolv.conf's nameserver: answers are keyed by 10.96.0.10, served on loopback.
        await using var responder = LoopbackDnsResponder.Start(DnsAnswers.Parse(answers), new Dictionary<IPAddress, string> { [address] = "10.96.0.10" }, port: 0);
        var result = await new DnsLiveLookup().RunAsync(new LiveLookupRequest
        {
            ResolvConf = ResolvConfParser.Parse(Conf),
            Libc = LibcProfile.Parse(libc),
            Name = name,
            Server = address.ToString(),
            Port = responder.Port,
            MaxTimeout = maxTimeout ?? TimeSpan.FromSeconds(5),
        });
        await responder.WaitUntilDrainedAsync(TimeSpan.FromSeconds(5));
        return (result, responder.Log);
    }

    [Fact]
    public async Task RunAsync_ServiceAtSecondSuffix_AsksExactlyThePredictedQueries()
    {
        var (result, log) = await Run("""{"10.96.0.10": {"default": "NXDOMAIN", "names": {"s.svc.cluster.local": {"A": ["10.96.0.20"]}}}}""", "glibc", "s");
        Assert.True(result.Prediction.Result.Ok);
        Assert.Equal<string>(["10.96.0.20"], result.Prediction.Result.Addresses);
        Assert.Equal(
            ["A s.ns.svc.cluster.local", "AAAA s.ns.svc.cluster.local", "A s.svc.cluster.local", "AAAA s.svc.cluster.local"],
            log.Select(q => $"{q.Qtype} {q.Qname}"));
        Assert.All(result.Queries, q => Assert.NotNull(q.LatencyMs));
        Assert.Equal(DnsReplyKind.NxDomain, result.Queries[0].Live!.Kind);
        Assert.Equal(DnsReplyKind.NoData, result.Queries[3].Live!.Kind);
        Assert.Contains("would resolve s to 10.96.0.20 after 4 queries", result.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MuslNodataAtFirstSuffix_StopsLikeMusl()
    {
        var (result, log) = await Run("""{"10.96.0.10": {"default": "NXDOMAIN", "names": {"s.ns.svc.cluster.local": {}, "s.svc.cluster.local": {"A": ["10.96.0.20"]}}}}""", "musl", "s");
        Assert.False(result.Prediction.Result.Ok);
        // musl without a version is the newest, 1.2.5, measured to report EAI_NODATA (1.2.3: EAI_NONAME).
        Assert.Equal("EAI_NODATA", result.Prediction.Result.Error);
        Assert.Equal(2, log.Count);
    }

    [Theory]
    [InlineData("glibc", "EAI_NONAME", 2)]
    [InlineData("musl", "EAI_NODATA", 2)]
    public async Task RunAsync_CnameWithoutAddressAtFirstSuffix_StopsThereLikeTheLibraries(string libc, string error, int queries)
    {
        // The server answers the first suffix with a CNAME to a name without addresses; glibc takes that as found
        // (EAI_NONAME), musl as NODATA; neither walks on to the suffix that has the address.
        var (result, log) = await Run("""
            {"10.96.0.10": {"default": "NXDOMAIN", "names": {
              "s.ns.svc.cluster.local": {"CNAME": "gone.example.com"}, "gone.example.com": {},
              "s.svc.cluster.local": {"A": ["10.96.0.20"]}}}}
            """, libc, "s");
        Assert.Equal(error, result.Prediction.Result.Error);
        Assert.Equal(queries, log.Count);
        Assert.Equal(queries, result.Prediction.Queries.Length);
        Assert.Contains("gone.example.com", result.Queries[0].Live!.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerSilent_TimeoutBecomesEaiAgain()
    {
        var (result, log) = await Run("""{"10.96.0.10": {"default": "DROP"}}""", "musl", "s", TimeSpan.FromMilliseconds(300));
        Assert.Equal("EAI_AGAIN", result.Prediction.Result.Error);
        Assert.Equal("timeout", result.Queries[0].Error);
        Assert.Equal(2, log.Count);
    }

    [Fact]
    public async Task RunAsync_NotAnAddress_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => new DnsLiveLookup().RunAsync(new LiveLookupRequest
        {
            ResolvConf = ResolvConfParser.Parse(Conf), Libc = LibcProfile.Glibc, Name = "s", Server = "dns.example.com",
        }));
}
