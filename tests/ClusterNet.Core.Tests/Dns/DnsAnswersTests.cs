using ClusterNet.Core.Dns;

namespace ClusterNet.Core.Tests.Dns;

public sealed class DnsAnswersTests
{
    private const string Table = """
        {"10.96.0.10": {"default": "NXDOMAIN", "names": {
            "s.test.svc.cluster.local": {"A": ["10.96.0.20"]},
            "*.example.com": "SERVFAIL",
            "*.a.example.com": {"A": ["1.1.1.1"], "AAAA": "DROP"},
            "www.example.org": {"CNAME": "web.example.net"},
            "web.example.net": {"A": ["2.2.2.2"], "AAAA": ["2001:db8::2"]},
            "loop.example": {"CNAME": "loop.example"},
            "Upper.Example.": "REFUSED"}},
         "10.96.0.11": "NODATA"}
        """;

    private static readonly DnsAnswers Answers = DnsAnswers.Parse(Table);

    [Theory]
    [InlineData("10.96.0.10", "s.test.svc.cluster.local", "A", DnsReplyKind.Answer, "10.96.0.20")]
    [InlineData("10.96.0.10", "s.test.svc.cluster.local.", "AAAA", DnsReplyKind.NoData, "")]
    [InlineData("10.96.0.10", "S.Test.Svc.Cluster.Local", "A", DnsReplyKind.Answer, "10.96.0.20")]
    [InlineData("10.96.0.10", "other.example", "A", DnsReplyKind.NxDomain, "")]
    [InlineData("10.96.0.10", "x.example.com", "A", DnsReplyKind.ServFail, "")]
    [InlineData("10.96.0.10", "example.com", "A", DnsReplyKind.NxDomain, "")]
    [InlineData("10.96.0.10", "b.a.example.com", "A", DnsReplyKind.Answer, "1.1.1.1")]
    [InlineData("10.96.0.10", "b.a.example.com", "AAAA", DnsReplyKind.Drop, "")]
    [InlineData("10.96.0.10", "www.example.org", "A", DnsReplyKind.Answer, "2.2.2.2")]
    [InlineData("10.96.0.10", "www.example.org", "AAAA", DnsReplyKind.Answer, "2001:db8::2")]
    [InlineData("10.96.0.10", "loop.example", "A", DnsReplyKind.NoData, "")]
    [InlineData("10.96.0.10", "upper.example", "A", DnsReplyKind.Refused, "")]
    [InlineData("10.96.0.11", "anything", "A", DnsReplyKind.NoData, "")]
    [InlineData("10.96.0.12", "anything", "A", DnsReplyKind.Drop, "")]
    public void Resolve_Table_AppliesRule(string server, string name, string type, DnsReplyKind kind, string addresses)
    {
        var reply = Answers.Resolve(server, name, type);
        Assert.Equal(kind, reply.Kind);
        Assert.Equal(addresses, string.Join(",", reply.Addresses));
    }

    [Fact]
    public void Resolve_Cname_KeepsChainAndSizesReply()
    {
        var reply = Answers.Resolve("10.96.0.10", "www.example.org", "A");
        Assert.Equal<string>(["web.example.net"], reply.CnameChain);
        Assert.Equal(12 + 17 + 4 + (12 + 17) + 16, reply.WireSize);
    }

    [Fact]
    public void AllNxDomain_AnyServer_AnswersNxDomain() =>
        Assert.Equal(DnsReplyKind.NxDomain, DnsAnswers.AllNxDomain.Resolve("192.0.2.1", "x", "A").Kind);

    [Theory]
    [InlineData("[1]", "top level must be an object")]
    [InlineData("{\"dns\": {}}", "not a nameserver IP address")]
    [InlineData("{\"10.0.0.1\": {\"names\": {\"a\": \"MAYBE\"}}}", "unknown action 'MAYBE'")]
    [InlineData("{\"10.0.0.1\": {\"names\": {\"a\": {\"A\": [\"::1\"]}}}}", "not an IPv4 address")]
    [InlineData("{\"10.0.0.1\": {\"names\": {\"a\": {\"AAAA\": [\"1.2.3.4\"]}}}}", "not an IPv6 address")]
    [InlineData("{\"10.0.0.1\": {\"names\": {\"a\": {\"CNAME\": 5}}}}", "CNAME takes the target name")]
    [InlineData("{\"10.0.0.1\": {\"deflt\": \"NXDOMAIN\"}}", "unknown key 'deflt'")]
    [InlineData("{\"10.0.0.1\": {\"names\": {\"a\": 7}}}", "a rule is an action string")]
    [InlineData("{not json", "not valid JSON")]
    public void Parse_Malformed_ThrowsNamingThePath(string json, string message)
    {
        var ex = Assert.Throws<DnsAnswersFormatException>(() => DnsAnswers.Parse(json, "answers.json"));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("answers.json", ex.Message, StringComparison.Ordinal);
    }
}
