using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Tests.Policy.Queries;

/// <summary>One parser for REST, CLI and the page URL; each front end's messages byte for byte.</summary>
public sealed class ReachQueryParserTests
{
    private static readonly PolicyEngine Engine = PolicyEngine.Build(NotesCluster.Snapshot(NotesCluster.DenyAllIngress));

    private static KeyValuePair<string, string?> P(string name, string? value) => KeyValuePair.Create(name, value);

    [Fact]
    public void Parse_RestParameters_FromToProbesInOrder()
    {
        var r = ReachQueryParser.Parse(QueryInput.Parameters([P("from", "prod/pod1"), P("to", "10.0.0.1"), P("probe", "443/TCP"), P("probe", "53/udp")]), Engine);
        Assert.True(r.Ok);
        Assert.Equal("prod/pod1", r.Query!.From!.ToString());
        Assert.Equal("10.0.0.1", r.Query.To!.Ip);
        Assert.Equal([new ReachProbe(443, "TCP"), new ReachProbe(53, "UDP")], r.Query.Probes.ToArray());
    }

    [Fact]
    public void Parse_NothingGiven_EveryPodAndContainerPorts()
    {
        var r = ReachQueryParser.Parse(QueryInput.Parameters([]));
        Assert.True(r.Ok);
        Assert.Null(r.Query!.From);
        Assert.Null(r.Query.To);
        Assert.Empty(r.Query.Probes);
    }

    [Theory]
    [InlineData("from", "dev/pod1/x", "from 'dev/pod1/x': expected NAMESPACE/POD or an IP address")]
    [InlineData("from", "dev/nope", "from dev/nope: no such pod")]
    [InlineData("to", "x", "to 'x': expected NAMESPACE/POD or an IP address")]
    [InlineData("probe", "80/ICMP", "probe '80/ICMP': protocol must be TCP, UDP or SCTP")]
    [InlineData("probe", "http", "probe 'http' is not PORT/PROTO with PORT 1-65535 (e.g. 80/TCP)")]
    public void Parse_RestBadInput_RestMessage(string name, string value, string message)
    {
        var r = ReachQueryParser.Parse(QueryInput.Parameters([P(name, value)]), Engine);
        Assert.False(r.Ok);
        Assert.Equal(message, Assert.Single(r.Errors).Message);
    }

    [Theory]
    [InlineData("from", "dev/pod1/x", "--from 'dev/pod1/x': expected NAMESPACE/POD or an IP address")]
    [InlineData("to", "dev/nope", "--to dev/nope: no pod dev/nope in cluster.yaml")]
    [InlineData("probe", "0", "--probe '0' is not PORT/PROTO with PORT 1-65535 (e.g. 80/TCP)")]
    public void Parse_CliFlags_CliMessage(string name, string value, string message)
    {
        var r = ReachQueryParser.Parse(QueryInput.Flags([P(name, value)]), Engine, key => $"no pod {key} in cluster.yaml");
        Assert.Equal(message, Assert.Single(r.Errors).Message);
        Assert.Equal("--" + name, r.Errors[0].Input);
    }

    [Fact]
    public void Parse_WithoutEngine_OnlySyntax()
    {
        Assert.True(ReachQueryParser.Parse(QueryInput.Flags([P("from", "dev/nope")])).Ok);
    }

    [Fact]
    public void Parse_SeveralBad_FromThenToThenFirstProbe()
    {
        var r = ReachQueryParser.Parse(QueryInput.Parameters([P("probe", "x"), P("probe", "y"), P("to", "dev/nope"), P("from", "a")]), Engine);
        Assert.Equal(["from 'a': expected NAMESPACE/POD or an IP address", "to dev/nope: no such pod", "probe 'x' is not PORT/PROTO with PORT 1-65535 (e.g. 80/TCP)"],
            r.Errors.Select(e => e.Message).ToArray());
    }

    [Fact]
    public void ParseView_PageUrl_NamespacesCellPodProbe()
    {
        var q = ReachQueryParser.ParseView(QueryInput.Parameters([P("probe", "53/udp"), P("from", "dev"), P("to", "prod"), P("cell", "dev/pod1>prod/pod1"), P("pod", "dev/pod2")]));
        Assert.Equal(new ReachProbe(53, "UDP"), q.Probe);
        Assert.Equal(("dev", "prod"), (q.FromNamespace, q.ToNamespace));
        Assert.Equal(("dev/pod1", "prod/pod1"), (q.CellFrom!.ToString(), q.CellTo!.ToString()));
        Assert.Equal(new ObjectKey("dev", "pod2"), q.Pod);
        Assert.Equal("dev/pod1>prod/pod1", ReachViewQuery.CellText(new ObjectKey("dev", "pod1"), new ObjectKey("prod", "pod1")));
    }

    [Fact]
    public void ParseView_StaleLink_IgnoresWhatDoesNotParse()
    {
        var q = ReachQueryParser.ParseView(QueryInput.Parameters([P("probe", "80/ICMP"), P("cell", "dev/pod1"), P("pod", "nope"), P("from", "")]));
        Assert.Equal(new ReachViewQuery(), q);
    }

    [Fact]
    public void Answer_NoProbes_DestinationsContainerPortsAndCellDto()
    {
        var engine = PolicyEngine.Build(ClusterSnapshot.Create(new SourceInfo("demo", "t"), [
            NotesCluster.Pod("dev", "pod1", "10.244.1.2", false, new ContainerPortInfo("http", 80)),
            NotesCluster.Pod("prod", "pod1", "10.244.2.2", false, new ContainerPortInfo("dns", 53, "UDP")),
            NotesCluster.DenyAllIngress]));
        var answer = ReachAnswer.Of(engine, new ReachQuery { To = ReachEndpoint.OfPod("dev", "pod1") });
        Assert.Equal(2, answer.Froms.Length);
        Assert.Equal([ReachProbe.Tcp(80)], answer.Probes.ToArray());
        var cell = answer.Cells().Single(c => c.From == "prod/pod1");
        Assert.Equal(new ReachCellDto("prod/pod1", "dev/pod1", 80, "TCP", false,
            "Denied: dev/pod1 is isolated for ingress by deny-all-ingress; no rule admits from prod/pod1 on TCP 80.",
            "enforcement unknown: the CNI was not recognised"), cell);
    }

    [Fact]
    public void Cells_CaveatAndQualifier_JoinedImplementationFirst()
    {
        var engine = PolicyEngine.Build(ClusterSnapshot.Create(new SourceInfo("demo", "t"), [NotesCluster.Pod("dev", "a", "10.244.1.2", false, new ContainerPortInfo("http", 80))]));
        var e = ReachAnswer.Of(engine, new ReachQuery()).Explain(0, 0, 0) with { Caveat = "hostNetwork" };

        Assert.Equal("hostNetwork; not enforced by this CNI (flannel)", ReachCellDto.Of(e, "not enforced by this CNI (flannel)").Caveat);
        Assert.Equal("hostNetwork", ReachCellDto.Of(e).Caveat);
        Assert.Equal("q", ReachCellDto.Of(e with { Caveat = null }, "q").Caveat);
    }
    [Fact]
    public void Parse_RepeatedProbes_CountOnceInFirstOrder()
    {
        var r = ReachQueryParser.Parse(QueryInput.Parameters([P("probe", "53/udp"), P("probe", "80"), P("probe", "53/UDP"), P("probe", "80/TCP")]));
        Assert.Equal([new ReachProbe(53, "UDP"), ReachProbe.Tcp(80)], r.Query!.Probes.ToArray());
    }

    [Fact]
    public void Parse_ServerLimits_RequireFromOrToAndCapDistinctProbes()
    {
        var limits = new ReachLimits { RequireFromOrTo = true, MaxProbes = 2, MaxCells = 10 };
        var none = ReachQueryParser.Parse(QueryInput.Parameters([P("probe", "80/TCP")]), Engine, limits: limits);
        Assert.Equal("give from or to (NAMESPACE/POD or an IP address): the full matrix is too large for one request", none.Errors.Single().Message);

        var many = ReachQueryParser.Parse(QueryInput.Parameters([P("to", "10.0.0.1"), P("probe", "1"), P("probe", "2"), P("probe", "2"), P("probe", "3")]), Engine, limits: limits);
        Assert.Equal("too many probe values: 3 distinct, at most 2 per request", many.Errors.Single().Message);

        var two = ReachQueryParser.Parse(QueryInput.Parameters([P("to", "10.0.0.1"), P("probe", "1"), P("probe", "2"), P("probe", "2")]), Engine, limits: limits);
        Assert.True(two.Ok);
        Assert.Null(limits.CellError(ReachAnswer.Of(Engine, two.Query!)));
    }
}
