using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

/// <summary>kubelet's /etc/hosts for a pod, and the answers-file keys added with it (delay_ms, tc, drop_if_inflight, NOTIMP, FORMERR).</summary>
public sealed class PodHostsFileBuilderTests
{
    [Fact]
    public void Build_PodWithSubdomainAndAliases_WritesKubeletLayout()
    {
        var pod = new PodInfo
        {
            Namespace = "test",
            Name = "web-0",
            Subdomain = "web",
            PodIps = ["10.244.1.5", "fd00::5"],
            HostAliases = [new HostAliasInfo("10.1.2.3", ["foo.local", "bar.local"])],
        };
        var hosts = PodHostsFileBuilder.Build(pod);
        Assert.Equal(
            "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n" +
            "fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n" +
            "10.244.1.5\tweb-0.web.test.svc.cluster.local\tweb-0\nfd00::5\tweb-0.web.test.svc.cluster.local\tweb-0\n" +
            "\n# Entries added by HostAliases.\n10.1.2.3\tfoo.local\tbar.local\n",
            hosts.Text);
        Assert.Equal(9, hosts.Entries.Length);
        Assert.Equal("pod test/web-0", hosts.Source);
    }

    [Fact]
    public void Build_SpecHostnameWins_AndIsCutTo63Characters()
    {
        var pod = new PodInfo { Namespace = "n", Name = "p", Hostname = new string('a', 62) + "-bbb", PodIps = ["10.0.0.1"] };
        var hosts = PodHostsFileBuilder.Build(pod);
        Assert.Equal(new string('a', 62), PodHostsFileBuilder.Hostname(pod));
        Assert.Contains(hosts.Entries, e => e.Address == "10.0.0.1" && e.Names.SequenceEqual([new string('a', 62)]));
        Assert.Null(PodHostsFileBuilder.Fqdn(pod));
    }

    [Fact]
    public void Build_HostNetworkPod_KeepsLocalhostAndAliasesButNoPodLine()
    {
        var pod = new PodInfo { Namespace = "n", Name = "agent", HostNetwork = true, PodIps = ["172.16.0.5"], HostAliases = [new HostAliasInfo("10.9.9.9", ["registry.local"])] };
        var hosts = PodHostsFileBuilder.Build(pod);
        Assert.DoesNotContain(hosts.Entries, e => e.Names.Contains("agent"));
        Assert.Contains(hosts.Entries, e => e.Names.Contains("registry.local"));
        Assert.Contains(hosts.Entries, e => e.Names.Contains("localhost"));
        Assert.Contains("Node's /etc/hosts", hosts.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsAndJunkLines_AreSkipped()
    {
        var hosts = HostsFile.Parse("# header\n10.0.0.1 a b # trailing\nnot-an-ip c\n\n  ::1\tlocalhost\n");
        Assert.Equal(2, hosts.Entries.Length);
        Assert.Equal<string>(["a", "b"], hosts.Entries[0].Names);
        Assert.Equal("::1", hosts.Entries[1].Address);
    }

    [Fact]
    public void Answers_NewKeys_ParseAndApply()
    {
        var answers = DnsAnswers.Parse("""
            {"10.0.0.1": {"delay_ms": 40, "default": "NOTIMP",
                          "names": {"a.example": {"A": ["1.1.1.1"], "tc": true, "drop_if_inflight": true, "delay_ms": 7},
                                    "b.example": "FORMERR"}}}
            """);
        var udp = answers.Resolve("10.0.0.1", "a.example", "A");
        Assert.True(udp.Truncated);
        Assert.Empty(udp.Addresses);
        Assert.Equal(7, udp.DelayMs);
        var tcp = answers.Resolve("10.0.0.1", "a.example", "A", "tcp");
        Assert.False(tcp.Truncated);
        Assert.Equal<string>(["1.1.1.1"], tcp.Addresses);
        Assert.True(answers.DropsIfInflight("10.0.0.1", "a.example"));
        Assert.False(answers.DropsIfInflight("10.0.0.1", "b.example"));
        Assert.Equal(DnsReplyKind.FormErr, answers.Resolve("10.0.0.1", "b.example", "A").Kind);
        var other = answers.Resolve("10.0.0.1", "c.example", "AAAA");
        Assert.Equal(DnsReplyKind.NotImp, other.Kind);
        Assert.Equal(40, other.DelayMs);
    }

    [Theory]
    [InlineData("""{"10.0.0.1": {"delay_ms": -1}}""", "delay_ms must be a whole number")]
    [InlineData("""{"10.0.0.1": {"names": {"a": {"delay_ms": "fast"}}}}""", "delay_ms must be a whole number")]
    [InlineData("""{"10.0.0.1": {"names": {"a": {"tc": "yes"}}}}""", "tc: must be true or false")]
    [InlineData("""{"10.0.0.1": {"names": {"a": {"drop_if_inflight": 1}}}}""", "drop_if_inflight: must be true or false")]
    [InlineData("""{"10.0.0.1": {"names": {"a": "BOGUS"}}}""", "NOTIMP, FORMERR or DROP")]
    public void Answers_BadNewKeys_NameTheProblem(string json, string message)
    {
        var ex = Assert.Throws<DnsAnswersFormatException>(() => DnsAnswers.Parse(json));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
