using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>The notes' walkthrough: curl from prod into dev fails after deny-all-ingress, and the other two policies.</summary>
public sealed class NotesPolicyTests
{
    private static ReachExplanation Explain(ClusterSnapshot s, string from, string to, int port = 80) =>
        PolicyEngine.Build(s).Explain(ReachEndpoint.OfPod(ObjectKey.Parse(from)), ReachEndpoint.OfPod(ObjectKey.Parse(to)), ReachProbe.Tcp(port));

    [Fact]
    public void DenyAllIngress_CurlFromProdToDev_DeniedWithPolicyNamed()
    {
        var r = Explain(NotesCluster.Snapshot(NotesCluster.DenyAllIngress), "prod/pod1", "dev/pod1");
        Assert.Equal(ReachVerdict.Denied, r.Verdict);
        Assert.Equal("Denied: dev/pod1 is isolated for ingress by deny-all-ingress; no rule admits from prod/pod1 on TCP 80.", r.Summary);
    }

    [Fact]
    public void DenyAllIngress_CurlFromDevToProd_Allowed()
    {
        var r = Explain(NotesCluster.Snapshot(NotesCluster.DenyAllIngress), "dev/pod1", "prod/pod1");
        Assert.Equal(ReachVerdict.Allowed, r.Verdict);
        Assert.Equal("kubectl exec -n dev pod1 -- nc -zv -w 2 10.244.2.2 80", r.TestCommands[0]);
    }

    [Theory]
    [InlineData("prod/pod1", 80, true, ReachVerdict.DependsOnImplementation)]
    [InlineData("prod/pod1", 443, true, ReachVerdict.DependsOnImplementation)]
    [InlineData("prod/pod1", 8080, false, ReachVerdict.Denied)]
    [InlineData("dev/pod1", 80, false, ReachVerdict.Denied)]
    public void Allow80Ingress_FromPodNetworkExceptPod1_PortsAndExcept(string from, int port, bool allowed, ReachVerdict verdict)
    {
        var r = Explain(NotesCluster.Snapshot(NotesCluster.DenyAllIngress, NotesCluster.Allow80Ingress), from, "dev/pod2", port);
        Assert.Equal(allowed, r.Allowed);
        Assert.Equal(verdict, r.Verdict);
        if (from == "dev/pod1")
        {
            Assert.Contains(r.Ingress.Rules, e => e.Reasons.Any(x => x.Contains("10.244.1.2 is in the except range 10.244.1.2/32")));
        }
    }

    [Fact]
    public void DenyAllEgress_ProdToDev_DeniedAtSource()
    {
        var r = Explain(NotesCluster.Snapshot(NotesCluster.DenyAllEgress), "prod/pod1", "dev/pod1");
        Assert.False(r.Allowed);
        Assert.False(r.Egress.Allows);
        Assert.True(r.Ingress.Allows);
        Assert.Contains("isolated for egress by deny-all-egress", r.Summary);
    }

    [Fact]
    public void AllThree_Matrix_TruthTable()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot(NotesCluster.DenyAllIngress, NotesCluster.Allow80Ingress, NotesCluster.DenyAllEgress));
        var m = engine.ComputeMatrix([ReachProbe.Tcp(80)]);
        string Row(string from) => string.Concat(engine.Pods.Select(to => m.VerdictOf(engine.IndexOf(ObjectKey.Parse(from)), engine.IndexOf(to), 0) switch
        {
            ReachVerdict.Allowed => ".",
            ReachVerdict.Denied => "X",
            _ => "~",
        }));

        // columns: dev/pod1 dev/pod2 prod/pod1
        Assert.Equal(".X.", Row("dev/pod1"));
        Assert.Equal("~..", Row("dev/pod2"));
        Assert.Equal("XX.", Row("prod/pod1"));
    }
}

public sealed class NamespaceMatrixTests
{
    [Fact]
    public void Build_NotesPolicies_CountsPerNamespacePair()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot(NotesCluster.DenyAllIngress, NotesCluster.Allow80Ingress));
        var ns = NamespaceMatrix.Build(engine.ComputeMatrix([ReachProbe.Tcp(80)]), 0);
        Assert.Equal(["dev", "prod"], ns.Namespaces.ToArray());
        var prodToDev = ns[1, 0];
        Assert.Equal((2L, 2L, 0L, 2L), (prodToDev.Pairs, prodToDev.Allowed, prodToDev.Denied, prodToDev.DependsOnImplementation));
        var devToDev = ns[0, 0];
        Assert.Equal((4L, 3L, 1L), (devToDev.Pairs, devToDev.Allowed, devToDev.Denied));
        Assert.Equal(NamespaceCellState.Some, devToDev.State);
        Assert.Equal(NamespaceCellState.All, ns[0, 1].State);
    }
}
