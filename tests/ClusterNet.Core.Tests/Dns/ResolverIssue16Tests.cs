using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

/// <summary>
/// /etc/hosts, musl 1.2.4+ changes, answer delays, the conntrack race, NOTIMP/FORMERR and AI_ADDRCONFIG: the rules
/// the measured scenarios pin down for the measured versions, checked here one at a time and for modelled versions.
/// </summary>
public sealed class ResolverIssue16Tests
{
    private const string PodConf = "nameserver 10.96.0.10\nsearch test.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n";

    private static readonly PodInfo Pod = new()
    {
        Namespace = "test",
        Name = "web-0",
        Subdomain = "web",
        PodIps = ["10.244.1.5"],
        HostAliases = [new HostAliasInfo("10.1.2.3", ["foo.local", "bar.local"])],
    };

    private static ExpansionResult Expand(string conf, string libc, string name, string? version = null, string? answers = null,
        LookupFamily family = LookupFamily.Unspec, HostsFile? hosts = null, bool addrConfig = false, bool podIpv6 = true) =>
        ResolverSimulator.Expand(new ExpansionRequest
        {
            ResolvConf = ResolvConfParser.Parse(conf),
            Libc = LibcProfile.Parse(libc, version),
            Name = name,
            Family = family,
            Answers = answers is null ? null : DnsAnswers.Parse(answers),
            Hosts = hosts,
            AddrConfig = addrConfig,
            PodIpv6 = podIpv6,
        });

    [Theory]
    [InlineData("glibc", "localhost", "127.0.0.1,::1")]
    [InlineData("musl", "localhost", "127.0.0.1,::1")]
    [InlineData("glibc", "web-0", "10.244.1.5")]
    [InlineData("musl", "web-0", "10.244.1.5")]
    [InlineData("glibc", "web-0.web.test.svc.cluster.local", "10.244.1.5")]
    [InlineData("musl", "web-0.web.test.svc.cluster.local", "10.244.1.5")]
    [InlineData("glibc", "bar.local", "10.1.2.3")]
    [InlineData("musl", "foo.local", "10.1.2.3")]
    public void Expand_NameInPodHostsFile_AnswersWithoutAnyQuery(string libc, string name, string addresses)
    {
        var r = Expand(PodConf, libc, name, hosts: PodHostsFileBuilder.Build(Pod));
        Assert.Empty(r.Queries);
        Assert.True(r.Result.Ok);
        Assert.Equal(addresses.Split(','), r.Result.Addresses);
        Assert.Contains("/etc/hosts", r.StopReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_HostnameNotInEmptyHostsFile_WalksTheSearchList()
    {
        var r = Expand(PodConf, "glibc", "web-0", hosts: HostsFile.Empty);
        Assert.Equal(8, r.Queries.Length);
    }

    [Theory]
    [InlineData("glibc", 0)]
    [InlineData("musl", 8)]
    public void Expand_UpperCaseLocalhost_GlibcMatchesHostsMuslAsksDns(string libc, int queries)
    {
        var r = Expand(PodConf, libc, "LOCALHOST");
        Assert.Equal(queries, r.Queries.Length);
    }

    [Theory]
    [InlineData("glibc")]
    [InlineData("musl")]
    public void Expand_LocalhostWithTrailingDot_IsNotInHostsAndGoesToDns(string libc)
    {
        var r = Expand(PodConf, libc, "localhost.");
        Assert.Equal(["localhost", "localhost"], r.Queries.Select(q => q.Qname));
    }

    [Theory]
    [InlineData("glibc", "2.36", 4, "EAI_NONAME")]
    [InlineData("musl", "1.2.3", 0, "EAI_NONAME")]
    [InlineData("musl", "1.2.4", 0, "EAI_NODATA")]
    [InlineData("musl", "1.2.5", 0, "EAI_NODATA")]
    public void Expand_Inet6ForIpv4OnlyHostsName_GlibcAsksDnsMuslStops(string libc, string version, int queries, string error)
    {
        var r = Expand(PodConf, libc, "web-0", version, family: LookupFamily.Inet6, hosts: PodHostsFileBuilder.Build(Pod));
        Assert.Equal(queries, r.Queries.Length);
        Assert.Equal(error, r.Result.Error);
    }

    [Theory]
    [InlineData("1.2.3", "EAI_NONAME")]
    [InlineData("1.2.4", "EAI_NODATA")]
    [InlineData("1.2.5", "EAI_NODATA")]
    public void Expand_MuslNoData_ErrorDependsOnVersion(string version, string error)
    {
        var r = Expand(PodConf, "musl", "foo", version, """{"10.96.0.10": {"names": {"foo.test.svc.cluster.local": "NODATA"}}}""");
        Assert.Equal(error, r.Result.Error);
        Assert.Equal(2, r.Queries.Length);
    }

    [Fact]
    public void Expand_Musl124_SaysItIsModelledAs125()
    {
        Assert.Contains(Expand(PodConf, "musl", "foo", "1.2.4").Notes, n => n.Contains("modelled as the measured 1.2.5", StringComparison.Ordinal));
        Assert.DoesNotContain(Expand(PodConf, "musl", "foo", "1.2.5").Notes, n => n.Contains("modelled", StringComparison.Ordinal));
        Assert.Contains(Expand(PodConf, "glibc", "foo", "2.31").Notes, n => n.Contains("measured glibc 2.36", StringComparison.Ordinal));
    }

    private const string TcAnswers = """{"10.0.0.1": {"names": {"big.example.com": {"A": ["10.1.0.1"], "AAAA": ["fd00::1"], "tc": true}}}}""";

    [Theory]
    [InlineData("1.2.3", "udp,udp", "EAI_NONAME")]
    [InlineData("1.2.4", "udp,udp,tcp,tcp", "OK")]
    [InlineData("1.2.5", "udp,udp,tcp,tcp", "OK")]
    public void Expand_MuslTruncatedReply_TcpRetryFrom124(string version, string transports, string result)
    {
        var r = Expand("nameserver 10.0.0.1\n", "musl", "big.example.com", version, TcAnswers);
        Assert.Equal(transports, string.Join(',', r.Queries.Select(q => q.Transport)));
        Assert.Equal(result, r.Result.Ok ? "OK" : r.Result.Error);
        Assert.True(r.Queries.Take(2).All(q => q.Reply.Truncated && q.Reply.Addresses.IsEmpty));
    }

    [Fact]
    public void Expand_GlibcTruncatedReply_RetriesThePairOverTcp()
    {
        var r = Expand("nameserver 10.0.0.1\n", "glibc", "big.example.com", "2.36", TcAnswers);
        Assert.Equal(["udp", "udp", "tcp", "tcp"], r.Queries.Select(q => q.Transport));
        Assert.Equal<string>(["10.1.0.1", "fd00::1"], r.Result.Addresses);
    }

    private const string TwoServers = "nameserver 10.0.0.1\nnameserver 10.0.0.2\noptions timeout:2\n";

    [Fact]
    public void Expand_MuslFastNxDomainFromSecondServer_BeatsSlowAnswer()
    {
        var answers = """{"10.0.0.1": {"delay_ms": 300, "names": {"foo.example.com": {"A": ["10.0.0.9"]}}}, "10.0.0.2": "NXDOMAIN"}""";
        var musl = Expand(TwoServers, "musl", "foo.example.com", "1.2.5", answers, LookupFamily.Inet);
        Assert.Equal("EAI_NONAME", musl.Result.Error);
        Assert.Equal(0, musl.WorstCaseSeconds);

        var glibc = Expand(TwoServers, "glibc", "foo.example.com", "2.36", answers, LookupFamily.Inet);
        Assert.Equal<string>(["10.0.0.9"], glibc.Result.Addresses);
        Assert.Equal(0.3, glibc.WorstCaseSeconds);
        Assert.Single(glibc.Queries);
    }

    [Fact]
    public void Expand_MuslBothServersDelayed_TheFasterOneWins()
    {
        var answers = """
            {"10.0.0.1": {"delay_ms": 300, "names": {"foo.example.com": {"A": ["10.0.0.9"]}}},
             "10.0.0.2": {"names": {"foo.example.com": {"A": ["10.0.0.8"], "delay_ms": 120}}}}
            """;
        var r = Expand(TwoServers, "musl", "foo.example.com", "1.2.5", answers, LookupFamily.Inet);
        Assert.Equal<string>(["10.0.0.8"], r.Result.Addresses);
        Assert.Equal(0.12, r.WorstCaseSeconds);
    }

    [Fact]
    public void Expand_GlibcReplySlowerThanTheWait_CountsAsLostAndAsksTheNextServer()
    {
        var answers = """{"10.0.0.1": {"delay_ms": 2500, "default": "NXDOMAIN"}, "10.0.0.2": {"names": {"foo.example.com": {"A": ["10.0.0.8"]}}}}""";
        var r = Expand(TwoServers, "glibc", "foo.example.com", "2.36", answers, LookupFamily.Inet);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], r.Queries.Select(q => q.Server));
        Assert.Equal(2, r.WorstCaseSeconds);
        Assert.Contains("longer than glibc waits", r.Queries[0].Why, StringComparison.Ordinal);
    }

    private const string RaceAnswers = """{"10.96.0.10": {"names": {"api.example.com": {"A": ["1.2.3.4"], "AAAA": ["fd00::4"], "drop_if_inflight": true}}}}""";

    [Theory]
    [InlineData("", 5.0, 4)]
    [InlineData("options single-request\n", 0.0, 2)]
    [InlineData("options single-request-reopen\n", 0.0, 2)]
    public void Expand_GlibcConntrackRace_DefaultWaitsOneTimeoutSingleRequestFixesIt(string option, double seconds, int packets)
    {
        var r = Expand("nameserver 10.96.0.10\n" + option, "glibc", "api.example.com", "2.36", RaceAnswers);
        Assert.True(r.Result.Ok);
        Assert.Equal(seconds, r.WorstCaseSeconds);
        Assert.Equal(packets, r.Queries.Length);
        Assert.Equal(option.Length == 0, r.Queries.Any(q => q.Why?.Contains("conntrack race", StringComparison.Ordinal) == true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("options single-request-reopen\n")]
    public void Expand_MuslConntrackRace_SingleRequestReopenDoesNotHelp(string option)
    {
        var r = Expand("nameserver 10.96.0.10\n" + option, "musl", "api.example.com", "1.2.5", RaceAnswers);
        Assert.True(r.Result.Ok);
        // The AAAA sent with the A is lost; the retransmission after timeout/attempts goes out alone and is answered.
        Assert.Equal(2.5, r.WorstCaseSeconds);
        Assert.Equal(["A", "AAAA", "AAAA"], r.Queries.Select(q => q.Qtype));
        Assert.Equal(DnsReplyKind.Drop, r.Queries[1].Reply.Kind);
    }

    [Fact]
    public void Expand_RaceRuleOnOtherName_DoesNotDrop()
    {
        var r = Expand("nameserver 10.96.0.10\n", "glibc", "other.example.com", "2.36", RaceAnswers);
        Assert.Equal(0, r.WorstCaseSeconds);
        Assert.Equal(2, r.Queries.Length);
    }

    private const string SearchConf = "nameserver 10.0.0.1\nsearch ns.svc.cluster.local svc.cluster.local\noptions ndots:1 timeout:1 attempts:2\n";

    [Theory]
    [InlineData("NOTIMP", "glibc", "OK", 6)]
    [InlineData("FORMERR", "glibc", "OK", 4)]
    [InlineData("REFUSED", "glibc", "OK", 6)]
    [InlineData("NOTIMP", "musl", "EAI_AGAIN", 4)]
    [InlineData("FORMERR", "musl", "EAI_AGAIN", 4)]
    public void Expand_NotImpFormErrAtFirstSuffix(string action, string libc, string result, int packets)
    {
        var answers = """{"10.0.0.1": {"names": {"foo.ns.svc.cluster.local": "ACTION", "foo": {"A": ["9.9.9.9"]}}}}""".Replace("ACTION", action, StringComparison.Ordinal);
        var r = Expand(SearchConf, libc, "foo", answers: answers);
        Assert.Equal(result, r.Result.Ok ? "OK" : r.Result.Error);
        Assert.Equal(packets, r.Queries.Length);
        Assert.Equal(action, r.Queries[0].Reply.Rcode);
    }

    [Fact]
    public void Expand_FormErrOnFirstServer_GlibcDoesNotAskTheSecond()
    {
        var r = Expand("nameserver 10.0.0.1\nnameserver 10.0.0.2\n", "glibc", "x.example.com", "2.36",
            """{"10.0.0.1": "FORMERR", "10.0.0.2": {"names": {"x.example.com": {"A": ["1.1.1.1"]}}}}""");
        Assert.All(r.Queries, q => Assert.Equal("10.0.0.1", q.Server));
        Assert.Equal("EAI_NONAME", r.Result.Error);
    }

    [Theory]
    [InlineData("glibc", false, true, LookupFamily.Unspec, "A,AAAA", null)]
    [InlineData("glibc", true, true, LookupFamily.Unspec, "A,AAAA", null)]
    [InlineData("glibc", false, false, LookupFamily.Unspec, "A,AAAA", null)]
    [InlineData("glibc", true, false, LookupFamily.Unspec, "A", null)]
    [InlineData("musl", true, false, LookupFamily.Unspec, "A", null)]
    [InlineData("glibc", true, false, LookupFamily.Inet6, "", "EAI_NONAME")]
    [InlineData("musl", true, false, LookupFamily.Inet6, "A", "EAI_NODATA")]
    [InlineData("musl", false, false, LookupFamily.Inet6, "AAAA", null)]
    public void Expand_AddrConfig_DropsIpv6OnlyWhenThePodHasNone(string libc, bool addrConfig, bool podIpv6, LookupFamily family, string qtypes, string? error)
    {
        var answers = """{"10.0.0.1": {"names": {"x.example.com": {"A": ["1.1.1.1"], "AAAA": ["fd00::1"]}}}}""";
        var r = Expand("nameserver 10.0.0.1\n", libc, "x.example.com", answers: answers, family: family, addrConfig: addrConfig, podIpv6: podIpv6);
        Assert.Equal(qtypes, string.Join(',', r.Queries.Select(q => q.Qtype)));
        Assert.Equal(error, r.Result.Error);
        // AI_ADDRCONFIG is modelled from the sources; the output must say so whenever it is on.
        Assert.Equal(addrConfig, r.Notes.Any(n => n.Contains("not measured", StringComparison.Ordinal)));
    }
}
