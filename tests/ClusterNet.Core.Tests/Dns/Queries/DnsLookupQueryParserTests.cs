using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Tests.Dns.Queries;

public sealed class DnsLookupQueryParserTests
{
    private static QueryResult<DnsLookupQuery> Url(params (string Name, string? Value)[] values) =>
        DnsLookupQueryParser.Parse(QueryInput.Parameters(values.Select(v => KeyValuePair.Create(v.Name, v.Value))));

    private static QueryResult<DnsLookupQuery> Cli(params (string Name, string? Value)[] values) =>
        DnsLookupQueryParser.Parse(QueryInput.Flags(values.Select(v => KeyValuePair.Create(v.Name, v.Value))));

    private static string Message(QueryResult<DnsLookupQuery> r) => Assert.Single(r.Errors).Message;

    [Fact]
    public void Parse_UrlWithEverything_OneQuery()
    {
        var r = Url(("pod", "shop/php-1"), ("name", " baidu.com "), ("family", "inet6"), ("libc", "musl"), ("libc-version", "1.2.3"), ("case", "aaaa-lost"), ("server", "127.0.0.1"), ("port", "5353"));
        Assert.True(r.Ok);
        var q = r.Query!;
        Assert.Equal(new ObjectKey("shop", "php-1"), q.Pod);
        Assert.Equal("baidu.com", q.Name);
        Assert.Equal(LookupFamily.Inet6, q.Family);
        Assert.Equal(LibcProfile.Parse("musl", "1.2.3"), q.Libc);
        Assert.Equal(DnsScenario.AaaaLost, q.Scenario);
        Assert.Equal("127.0.0.1", q.Server);
        Assert.Equal(5353, q.Port);
    }

    [Fact]
    public void Parse_Nothing_Defaults()
    {
        var q = Url().Query!;
        Assert.Null(q.Pod);
        Assert.Null(q.Name);
        Assert.Equal(LookupFamily.Unspec, q.Family);
        Assert.Null(q.Libc);
        Assert.Equal(DnsScenario.Exists, q.Scenario);
        Assert.Equal(53, q.Port);
    }

    [Theory]
    [InlineData("unspec", LookupFamily.Unspec)]
    [InlineData("inet", LookupFamily.Inet)]
    [InlineData("inet6", LookupFamily.Inet6)]
    [InlineData("", LookupFamily.Unspec)]
    public void Parse_Family_EveryFrontEndTheSameWords(string text, LookupFamily family)
    {
        Assert.Equal(family, Url(("family", text)).Query!.Family);
        if (text.Length > 0)
        {
            Assert.Equal(family, Cli(("family", text)).Query!.Family);
        }
    }

    [Fact]
    public void Parse_BadFamily_EachFrontEndItsOwnMessage()
    {
        Assert.Equal("family must be unspec, inet or inet6, got 'ipx'", Message(Url(("family", "ipx"))));
        Assert.Equal("--family must be one of unspec|inet|inet6, got 'ipx'", Message(Cli(("family", "ipx"))));
        Assert.Equal("--family", Assert.Single(Cli(("family", "ipx")).Errors).Input);
    }

    [Fact]
    public void Parse_BadLibc_EachFrontEndItsOwnMessage()
    {
        Assert.Equal("libc must be glibc or musl, got 'uclibc'", Message(Url(("libc", "uclibc"))));
        Assert.Equal("--libc must be one of glibc|musl, got 'uclibc'", Message(Cli(("libc", "uclibc"))));
        Assert.Equal("--libc must be one of glibc|musl, got ''", Message(Cli(("libc", ""))));
        // REST has always read the library case-insensitively; the CLI flag is a strict choice.
        Assert.Equal(LibcProfile.Glibc, Url(("libc", "GLIBC")).Query!.Libc);
        Assert.Equal("--libc must be one of glibc|musl, got 'GLIBC'", Message(Cli(("libc", "GLIBC"))));
    }

    [Fact]
    public void Parse_BadLibcVersion_EachFrontEndItsOwnMessage()
    {
        Assert.Equal("'9.9' is not a glibc (2.x) version", Message(Url(("libc", "glibc"), ("libc-version", "9.9"))));
        Assert.Equal("--libc-version: '9.9' is not a glibc (2.x) version", Message(Cli(("libc", "glibc"), ("libc-version", "9.9"))));
        Assert.Equal("--libc-version: libc version must look like 1.2.3, got 'x'", Message(Cli(("libc", "musl"), ("libc-version", "x"))));
        Assert.Equal("--libc-version", Assert.Single(Cli(("libc", "glibc"), ("libc-version", "9.9")).Errors).Input);
    }

    [Fact]
    public void Parse_RequiredName_EachFrontEndItsOwnMessage()
    {
        var input = QueryInput.Parameters([KeyValuePair.Create("name", (string?)"  ")]);
        Assert.Equal("name is required", Message(DnsLookupQueryParser.Parse(input, requireName: true)));
        Assert.Equal("missing required flag --name", Message(DnsLookupQueryParser.Parse(QueryInput.Flags([]), requireName: true)));
        Assert.True(DnsLookupQueryParser.Parse(QueryInput.Parameters([])).Ok);
    }

    [Fact]
    public void Parse_PodWithoutNamespace_CliSaysExpectedNamespaceName()
    {
        Assert.Equal("--pod 'php': expected NAMESPACE/NAME", Message(Cli(("pod", "php"))));
        Assert.Equal("--pod '': expected NAMESPACE/NAME", Message(Cli(("pod", ""))));
        // URLs and bodies look it up as given (and report it missing there).
        Assert.Equal(new ObjectKey("", "php"), Url(("pod", "php")).Query!.Pod);
        Assert.Null(Url(("pod", " ")).Query!.Pod);
    }

    [Theory]
    [InlineData("dns.example.com", null)]
    [InlineData("127.0.0.1", "0")]
    [InlineData("127.0.0.1", "65536")]
    [InlineData(null, "x")]
    public void Parse_BadServerOrPort_OneMessage(string? server, string? port) =>
        Assert.Equal("server must be an IP address and port 1-65535", Message(Url(("server", server), ("port", port))));

    [Fact]
    public void Parse_UnknownCase_SaysTheChoices() =>
        Assert.Equal("case must be external, nxdomain, aaaa-lost, lost, slow-second-nameserver, truncated or conntrack-race, got 'maybe'", Message(Url(("case", "maybe"))));

    [Fact]
    public void Parse_MalformedAnswers_NamesTheInput() =>
        Assert.Contains("not valid JSON", Message(Url(("answers", "{\"10.96.0.10\": "))), StringComparison.Ordinal);

    [Fact]
    public void Parse_SeveralProblems_AllInInputOrder()
    {
        var r = Cli(("libc", "uclibc"), ("family", "ipx"));
        Assert.Equal<string>(["--libc", "--family"], r.Errors.Select(e => e.Input));
    }

    [Fact]
    public void FamilyAndScenarioText_RoundTrip()
    {
        foreach (var f in Enum.GetValues<LookupFamily>())
        {
            Assert.Equal(f, Url(("family", DnsLookupQueryParser.FamilyText(f))).Query!.Family);
        }

        foreach (var s in Enum.GetValues<DnsScenario>())
        {
            Assert.Equal(s, Url(("case", DnsLookupQueryParser.ScenarioText(s))).Query!.Scenario);
        }
    }

    [Fact]
    public void Settings_FlagsSplitOnCommasAndSpaces_AbsentKeepDefaults()
    {
        var s = DnsLookupQueryParser.Settings(QueryInput.Flags([
            KeyValuePair.Create("cluster-domain", (string?)"corp.local"),
            KeyValuePair.Create("node-search", (string?)"a.example,b.example"),
            KeyValuePair.Create("node-search", (string?)"c.example d.example"),
        ]));
        Assert.Equal("corp.local", s.ClusterDomain);
        Assert.Equal<string>(["a.example", "b.example", "c.example", "d.example"], s.NodeSearch);
        Assert.Empty(s.NodeNameservers);
        Assert.Empty(s.ClusterDnsOverride);
    }
}
