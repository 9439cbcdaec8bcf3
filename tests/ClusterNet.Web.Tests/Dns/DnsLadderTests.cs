using Bunit;
using ClusterNet.Core.Dns;
using ClusterNet.Web.Components.Dns;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Dns;

public sealed class DnsLadderTests : ShellTestContext
{
    private const string Conf = "nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5 single-request-reopen\n";

    private static ExpansionResult Expand(string libc, string name, string? answers = null) => ResolverSimulator.Expand(new ExpansionRequest
    {
        ResolvConf = ResolvConfParser.Parse(Conf),
        Libc = LibcProfile.Parse(libc),
        Name = name,
        Answers = answers is null ? null : DnsAnswers.Parse(answers),
    });

    [Fact]
    public void Render_AllNxDomain_ListsEveryQueryWithVerdictAndWait()
    {
        var cut = Render<DnsLadder>(p => p.Add(l => l.Result, Expand("glibc", "baidu.com")));
        var rows = cut.FindAll("[data-testid=dns-query-row]");
        Assert.Equal(8, rows.Count);
        Assert.Contains("baidu.com.shop.svc.cluster.local", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("NXDOMAIN", rows[7].TextContent, StringComparison.Ordinal);
        Assert.Equal("baidu.com fails with EAI_NONAME after 8 queries", cut.Find("[data-testid=dns-ladder-verdict]").TextContent.Trim());
        Assert.Contains("worst-case wait 0 s", cut.Find("[data-testid=dns-ladder-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnsweredAtSuffix_HighlightsTheAnswerAndSaysWhere()
    {
        var cut = Render<DnsLadder>(p => p.Add(l => l.Result, Expand("musl", "db", """{"10.96.0.10": {"names": {"db.svc.cluster.local": {"A": ["10.96.0.30"]}}}}""")));
        Assert.Equal(4, cut.FindAll("[data-testid=dns-query-row]").Count);
        Assert.Single(cut.FindAll(".cn-dns-ladder__answer"));
        Assert.Equal("db → 10.96.0.30 after 4 queries (answered as db.svc.cluster.local)", cut.Find("[data-testid=dns-ladder-verdict]").TextContent.Trim());
    }

    [Fact]
    public void Render_MuslWithSingleRequestReopen_SaysTheOptionIsIgnored()
    {
        var cut = Render<DnsLadder>(p => p.Add(l => l.Result, Expand("musl", "baidu.com")));
        Assert.Contains("single-request-reopen", cut.Find("[data-testid=dns-ignored-option]").TextContent, StringComparison.Ordinal);
        var glibc = Render<DnsLadder>(p => p.Add(l => l.Result, Expand("glibc", "baidu.com")));
        Assert.Empty(glibc.FindAll("[data-testid=dns-ignored-option]"));
    }

    [Fact]
    public void Render_LostReply_MarksRowAndCountsTimeout()
    {
        var cut = Render<DnsLadder>(p => p.Add(l => l.Result, Expand("musl", "db", """{"10.96.0.10": {"names": {"db.shop.svc.cluster.local": {"A": ["10.0.0.1"], "AAAA": "DROP"}}}}""")));
        Assert.NotEmpty(cut.FindAll(".cn-dns-ladder__lost"));
        Assert.Contains("worst-case wait 5 s", cut.Find("[data-testid=dns-ladder-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("EAI_AGAIN", cut.Find("[data-testid=dns-ladder-verdict]").TextContent, StringComparison.Ordinal);
    }
}
