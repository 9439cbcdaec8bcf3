using ClusterNet.Core.Dns;

namespace ClusterNet.Core.Tests.Dns;

public sealed class ResolvConfParserTests
{
    [Fact]
    public void Parse_PodFile_ReadsServersSearchAndOptions()
    {
        var conf = ResolvConfParser.Parse("# kubelet\nnameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5 single-request-reopen\n");
        Assert.Equal<string>(["10.96.0.10"], conf.Nameservers);
        Assert.Equal<string>(["default.svc.cluster.local", "svc.cluster.local", "cluster.local"], conf.Search);
        Assert.Equal("5", conf.OptionValue("ndots"));
        Assert.Equal("", conf.OptionValue("single-request-reopen"));
        Assert.Null(conf.OptionValue("rotate"));
    }

    [Fact]
    public void Parse_LastSearchOrDomainLine_Wins()
    {
        var conf = ResolvConfParser.Parse("search a.example b.example\ndomain c.example\n");
        Assert.Equal<string>(["c.example"], conf.Search);
    }

    [Fact]
    public void Parse_DuplicateOptions_LastValueWins()
    {
        var conf = ResolvConfParser.Parse("options ndots:5\noptions ndots:2 timeout:1\n");
        Assert.Equal("2", conf.OptionValue("ndots"));
        Assert.Equal(3, conf.Options.Length);
    }

    [Theory]
    [InlineData("nameserver\n", 1, "exactly one IP address")]
    [InlineData("search x\nnameserver dns.example.com\n", 2, "not an IP address")]
    [InlineData("nameserver 10.0.0.1\noptions ndots:five\n", 2, "needs a whole number")]
    [InlineData("nameserver 10.0.0.1\n\nnameservr 10.0.0.2\n", 3, "unknown keyword 'nameservr'")]
    [InlineData("search\n", 1, "needs at least one domain")]
    [InlineData("search a..b\n", 1, "not a valid domain")]
    public void Parse_Malformed_ThrowsWithLine(string text, int line, string message)
    {
        var ex = Assert.Throws<ResolvConfFormatException>(() => ResolvConfParser.Parse(text, "pod.conf"));
        Assert.Equal(line, ex.Line);
        Assert.Contains($"pod.conf:{line}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ParsedFile_RoundTrips()
    {
        const string text = "nameserver 10.96.0.10\nnameserver 10.96.0.11\nsearch ns.svc.cluster.local svc.cluster.local\noptions ndots:2 edns0\n";
        Assert.Equal(text, ResolvConfParser.Parse(text).Render());
    }
}
