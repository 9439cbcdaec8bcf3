using ClusterNet.Core.Dns;

namespace ClusterNet.Core.Tests.Dns;

/// <summary>Rules beyond the measured scenarios: versions, caps, literals, option verdicts, worst-case arithmetic.</summary>
public sealed class ResolverSimulatorTests
{
    private const string PodConf = "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local localdomain\noptions ndots:5\n";

    private static ExpansionResult Expand(string conf, string libc, string name, string? version = null, string? answers = null, LookupFamily family = LookupFamily.Unspec) =>
        ResolverSimulator.Expand(new ExpansionRequest
        {
            ResolvConf = ResolvConfParser.Parse(conf),
            Libc = LibcProfile.Parse(libc, version),
            Name = name,
            Family = family,
            Answers = answers is null ? null : DnsAnswers.Parse(answers),
        });

    [Theory]
    [InlineData("glibc", "baidu.com", 10)]
    [InlineData("musl", "baidu.com", 10)]
    [InlineData("glibc", "s.test.svc.cluster.local", 10)]
    [InlineData("glibc", "baidu.com.", 2)]
    [InlineData("glibc", "a.b.c.d.e.f", 10)]
    [InlineData("musl", "a.b.c.d.e.f", 2)]
    public void Expand_PodResolvConfAllNxDomain_CountsPackets(string libc, string name, int packets)
    {
        var r = Expand(PodConf, libc, name);
        Assert.Equal(packets, r.Queries.Length);
        Assert.Equal("EAI_NONAME", r.Result.Error);
    }

    [Fact]
    public void Expand_DefaultsAllLost_GlibcWaitsTimeoutTimesAttemptsPerCandidateThatEndsTheList()
    {
        var r = Expand(PodConf, "glibc", "baidu.com", answers: "{}");
        // The first suffix times out (2 × 5 s), the list ends, the name as is times out too (2 × 5 s).
        Assert.Equal(20, r.WorstCaseSeconds);
        Assert.Equal("EAI_AGAIN", r.Result.Error);
        Assert.Equal<string>(["baidu.com.default.svc.cluster.local", "baidu.com"], r.Tried);
    }

    [Fact]
    public void Expand_DefaultsAllLost_MuslWaitsTimeoutOnce()
    {
        var r = Expand(PodConf, "musl", "baidu.com", answers: "{}");
        Assert.Equal(5, r.WorstCaseSeconds);
        Assert.Equal(4, r.Queries.Length);
        Assert.Equal(2.5, r.Queries[2].AtSeconds);
    }

    [Fact]
    public void Expand_GlibcThreeServers_WaitsTimeoutShiftedByServerIndex()
    {
        var r = Expand("nameserver 10.0.0.1\nnameserver 10.0.0.2\nnameserver 10.0.0.3\noptions attempts:1\n", "glibc", "x.example.", answers: "{}");
        // server 0: 5 s, server 1: (5<<1)/3 = 3 s, server 2: (5<<2)/3 = 6 s.
        Assert.Equal<double>([0, 0, 5, 5, 8, 8], r.Queries.Select(q => q.AtSeconds));
        Assert.Equal(14, r.WorstCaseSeconds);
    }

    [Theory]
    [InlineData("2.25", 7)]
    [InlineData("2.26", 9)]
    public void Expand_GlibcBefore226_CapsSearchListAtSix(string version, int candidates)
    {
        var conf = "nameserver 10.0.0.1\nsearch a.x b.x c.x d.x e.x f.x g.x h.x\n";
        var r = Expand(conf, "glibc", "foo", version);
        Assert.Equal(candidates, r.Tried.Length);
        Assert.Equal(version == "2.25", r.Notes.Any(n => n.Contains("at most 6 search domains", StringComparison.Ordinal)));
    }

    [Fact]
    public void Expand_MuslBefore1113_IgnoresSearch()
    {
        var r = Expand(PodConf, "musl", "kubernetes", "1.1.12");
        Assert.Equal<string>(["kubernetes"], r.Tried);
    }

    [Theory]
    [InlineData("1.2.0", true)]
    [InlineData("1.2.3", false)]
    public void Expand_MuslAaaaLost_OldVersionsKeepTheA(string version, bool ok)
    {
        var r = Expand("nameserver 10.0.0.1\n", "musl", "a.example", version, """{"10.0.0.1": {"names": {"a.example": {"A": ["1.2.3.4"], "AAAA": "DROP"}}}}""");
        Assert.Equal(ok, r.Result.Ok);
    }

    [Theory]
    [InlineData("1.2.3", 1, 29)]
    [InlineData("1.2.4", 2, 40)]
    public void Expand_MuslTruncatedReply_TcpFrom124(string version, int queries, int addresses)
    {
        var big = string.Join(",", Enumerable.Range(1, 40).Select(i => $"\"10.1.0.{i}\""));
        var r = Expand("nameserver 10.0.0.1\n", "musl", "big.example.com", version, "{\"10.0.0.1\": {\"names\": {\"big.example.com\": {\"A\": [" + big + "]}}}}", LookupFamily.Inet);
        Assert.Equal(queries, r.Queries.Length);
        Assert.Equal(addresses, r.Result.Addresses.Length);
    }

    [Theory]
    [InlineData("10.0.0.7", LookupFamily.Unspec, true, "10.0.0.7")]
    [InlineData("fd00::7", LookupFamily.Inet, false, "EAI_ADDRFAMILY")]
    [InlineData("", LookupFamily.Unspec, false, "EAI_NONAME")]
    [InlineData("a..b", LookupFamily.Unspec, false, "EAI_NONAME")]
    public void Expand_LiteralsAndBadNames_SendNothing(string name, LookupFamily family, bool ok, string expected)
    {
        var r = Expand(PodConf, "glibc", name, family: family);
        Assert.Empty(r.Queries);
        Assert.Equal(ok, r.Result.Ok);
        Assert.Equal(expected, ok ? r.Result.Addresses[0] : r.Result.Error);
    }

    [Fact]
    public void Expand_FourNameservers_UsesThree()
    {
        var r = Expand("nameserver 10.0.0.1\nnameserver 10.0.0.2\nnameserver 10.0.0.3\nnameserver 10.0.0.4\n", "musl", "x.example.", answers: "{}");
        Assert.DoesNotContain(r.Queries, q => q.Server == "10.0.0.4");
        Assert.Contains(r.Notes, n => n.Contains("10.0.0.4", StringComparison.Ordinal));
    }

    [Fact]
    public void Expand_NdotsAboveFifteen_IsCapped()
    {
        var r = Expand("nameserver 10.0.0.1\noptions ndots:20\n", "glibc", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p");
        Assert.Equal(15, r.Settings.Ndots);
        Assert.Equal("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p", r.Tried[0]);
    }

    [Fact]
    public void Expand_NoTldQuery_GlibcSkipsSingleLabelAsIs()
    {
        var r = Expand("nameserver 10.0.0.1\nsearch ns.svc.cluster.local\noptions no-tld-query\n", "glibc", "foo");
        Assert.Equal<string>(["foo.ns.svc.cluster.local"], r.Tried);
    }

    [Fact]
    public void Expand_Rotate_NotesRandomStart()
    {
        var r = Expand("nameserver 10.0.0.1\nnameserver 10.0.0.2\noptions rotate\n", "glibc", "x.");
        Assert.Contains(r.Notes, n => n.StartsWith("rotate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("glibc", null, "single-request-reopen", true)]
    [InlineData("musl", null, "single-request-reopen", false)]
    [InlineData("musl", null, "ndots", true)]
    [InlineData("glibc", "2.35", "no-aaaa", false)]
    [InlineData("glibc", "2.36", "no-aaaa", true)]
    [InlineData("glibc", "2.30", "trust-ad", false)]
    [InlineData("glibc", null, "ndost", false)]
    public void Judge_Option_SaysWhetherHonoured(string libc, string? version, string option, bool honoured) =>
        Assert.Equal(honoured, ResolverOptionSupport.Judge(LibcProfile.Parse(libc, version), option).Honoured);

    [Theory]
    [InlineData("glibc", "1.2.3")]
    [InlineData("musl", "2.36")]
    [InlineData("musl", "one")]
    [InlineData("uclibc", null)]
    public void Parse_BadLibcOrVersion_Throws(string libc, string? version) =>
        Assert.Throws<ArgumentException>(() => LibcProfile.Parse(libc, version));

    [Fact]
    public void Expand_NoAnswersFile_AllNxDomain() =>
        Assert.All(Expand(PodConf, "musl", "foo").Queries, q => Assert.Equal(DnsReplyKind.NxDomain, q.Reply.Kind));
}
