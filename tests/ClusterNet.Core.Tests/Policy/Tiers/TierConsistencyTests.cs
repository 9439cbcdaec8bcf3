using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy.Tiers;

/// <summary>
/// Random clusters with NetworkPolicies and random Admin/Baseline cluster policies (ties, Pass, named ports, ranges,
/// CIDRs): the bitset matrix, its incremental update, the one-pod queries, the explainer and the naive evaluator agree on
/// every cell.
/// </summary>
public sealed class TierConsistencyTests
{
    private static readonly ReachProbe[] Probes = [ReachProbe.Tcp(80), ReachProbe.Tcp(81), new(53, "UDP"), ReachProbe.Tcp(8080)];

    private static ClusterSnapshot Build(int seed)
    {
        var snapshot = RandomCluster.Build(seed, namespaces: 4, podsPerNamespace: 6, policies: 8);
        var rnd = new Random(seed * 31);
        return snapshot with { ClusterNetworkPolicies = KindCollection<ClusterPolicyInfo>.From(Enumerable.Range(0, 6).Select(i => RandomClusterPolicy.Next(rnd, ClusterPolicyKind.ClusterNetworkPolicy, $"cnp{i}"))) };
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Matrix_OnePod_AndExplainer_AgreeOnEveryCell(int seed)
    {
        var engine = PolicyEngine.Build(Build(seed));
        Assert.True(engine.HasTiers);
        AssertConsistent(engine, engine.ComputeMatrix(Probes));
    }

    /// <summary>
    /// Admin and Baseline tiers around Calico's tiers (before and after the default one, one passing by default) and
    /// Kubernetes NetworkPolicies: the chain's interleaving of the families, checked against the naive evaluator's.
    /// </summary>
    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    [InlineData(44)]
    public void Matrix_ClusterAndCalicoTiersTogether_AgreesWithNaiveOnEveryCell(int seed)
    {
        var rnd = new Random(seed * 17);
        // The random cluster policies select namespaces by team: ns0 red, the others blue.
        var random = Calico.CalicoRandom.Build(seed);
        var calico = random with { Namespaces = KindCollection<NamespaceInfo>.From(random.Namespaces.Select(n => n with { Labels = n.Labels.SetItem("team", n.Name == "ns0" ? "red" : "blue") })) };
        var snapshot = calico with { ClusterNetworkPolicies = KindCollection<ClusterPolicyInfo>.From(Enumerable.Range(0, 6).Select(i => RandomClusterPolicy.Next(rnd, ClusterPolicyKind.ClusterNetworkPolicy, $"cnp{i}"))) };
        var engine = PolicyEngine.Build(snapshot);
        var probes = Calico.CalicoRandom.Probes;
        var matrix = engine.ComputeMatrix(probes);
        var calicoOnly = PolicyEngine.Build(calico).ComputeMatrix(probes);
        var (denied, changed) = (0, 0);
        for (var f = 0; f < matrix.Pods.Length; f++)
        {
            for (var t = 0; t < matrix.Pods.Length; t++)
            {
                for (var p = 0; p < probes.Length; p++)
                {
                    var naive = engine.IsAllowedNaive(matrix.Pods[f], matrix.Pods[t], probes[p]);
                    var e = engine.Explain(ReachEndpoint.OfPod(matrix.Pods[f]), ReachEndpoint.OfPod(matrix.Pods[t]), probes[p]);
                    Assert.True(naive == matrix.IsAllowed(f, t, p) && e.Allowed == naive,
                        $"{matrix.Pods[f]}->{matrix.Pods[t]} {probes[p]}: naive {naive}, matrix {matrix.IsAllowed(f, t, p)}, explain {e.Allowed}: {e.Summary}");
                    denied += naive ? 0 : 1;
                    changed += naive == calicoOnly.IsAllowed(f, t, p) ? 0 : 1;
                }
            }
        }

        Assert.InRange(denied, 1, (matrix.Pods.Length * matrix.Pods.Length * probes.Length) - 1);
        Assert.True(changed > 0, "the cluster policies changed no cell: the mix tests nothing");
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void Recompute_AfterNetworkPolicyEdits_EqualsFreshMatrix(int seed)
    {
        var engine = PolicyEngine.Build(Build(seed));
        var matrix = engine.ComputeMatrix(Probes);
        var rnd = new Random(seed);
        for (var step = 0; step < 4; step++)
        {
            var p = RandomCluster.Policy(rnd, engine.Snapshot, step % 2 == 0 ? engine.Snapshot.NetworkPolicies[rnd.Next(engine.Snapshot.NetworkPolicies.Count)].Name : $"new{step}");
            var next = engine.WithPolicy(p);
            var patched = matrix.Recompute(next, [p.Key]);
            var fresh = PolicyEngine.Build(next.Snapshot).ComputeMatrix(Probes);
            for (var f = 0; f < fresh.Pods.Length; f++)
            {
                for (var t = 0; t < fresh.Pods.Length; t++)
                {
                    for (var k = 0; k < Probes.Length; k++)
                    {
                        Assert.True(fresh.VerdictOf(f, t, k) == patched.VerdictOf(f, t, k) && fresh.IsAllowed(f, t, k) == patched.IsAllowed(f, t, k),
                            $"step {step} {fresh.Pods[f]}->{fresh.Pods[t]} {Probes[k]}");
                    }
                }
            }

            engine = next;
            matrix = patched;
        }
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    public void Recompute_AfterClusterPolicyEdits_EqualsFreshMatrix(int seed)
    {
        var engine = PolicyEngine.Build(Build(seed));
        var matrix = engine.ComputeMatrix(Probes);
        var rnd = new Random(seed);
        for (var step = 0; step < 5; step++)
        {
            var next = step % 3 == 2
                ? engine.WithoutClusterPolicy(ClusterPolicyKind.ClusterNetworkPolicy, $"cnp{rnd.Next(6)}")
                : engine.WithClusterPolicy(RandomClusterPolicy.Next(rnd, ClusterPolicyKind.ClusterNetworkPolicy, $"cnp{rnd.Next(8)}"));
            var patched = matrix.Recompute(next, []);
            var fresh = PolicyEngine.Build(next.Snapshot).ComputeMatrix(Probes);
            for (var f = 0; f < fresh.Pods.Length; f++)
            {
                for (var t = 0; t < fresh.Pods.Length; t++)
                {
                    for (var k = 0; k < Probes.Length; k++)
                    {
                        Assert.True(fresh.VerdictOf(f, t, k) == patched.VerdictOf(f, t, k) && fresh.IsAllowed(f, t, k) == patched.IsAllowed(f, t, k),
                            $"step {step} {fresh.Pods[f]}->{fresh.Pods[t]} {Probes[k]}");
                    }
                }
            }

            engine = next;
            matrix = patched;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void NamespaceMatrix_CountsEqualPairByPairVerdicts(int seed)
    {
        var engine = PolicyEngine.Build(Build(seed));
        var matrix = engine.ComputeMatrix(Probes);
        for (var p = 0; p < Probes.Length; p++)
        {
            var fast = NamespaceMatrix.Build(matrix, p);
            for (var a = 0; a < fast.Namespaces.Length; a++)
            {
                for (var b = 0; b < fast.Namespaces.Length; b++)
                {
                    long allowed = 0, depends = 0;
                    for (var s = 0; s < matrix.Pods.Length; s++)
                    {
                        for (var d = 0; d < matrix.Pods.Length; d++)
                        {
                            if (matrix.Pods[s].Namespace == fast.Namespaces[a] && matrix.Pods[d].Namespace == fast.Namespaces[b])
                            {
                                allowed += matrix.IsAllowed(s, d, p) ? 1 : 0;
                                depends += matrix.VerdictOf(s, d, p) == ReachVerdict.DependsOnImplementation ? 1 : 0;
                            }
                        }
                    }

                    Assert.True((allowed, depends) == (fast[a, b].Allowed, fast[a, b].DependsOnImplementation),
                        $"{fast.Namespaces[a]}->{fast.Namespaces[b]} {Probes[p]}: pair by pair {allowed}/{depends}, namespace matrix {fast[a, b].Allowed}/{fast[a, b].DependsOnImplementation}");
                }
            }
        }
    }

    private static void AssertConsistent(PolicyEngine engine, ReachMatrix matrix)
    {
        var verdicts = new HashSet<ReachVerdict>();
        for (var f = 0; f < matrix.Pods.Length; f++)
        {
            for (var p = 0; p < matrix.Probes.Length; p++)
            {
                var row = engine.ReachabilityFrom(matrix.Pods[f], matrix.Probes[p]);
                for (var t = 0; t < matrix.Pods.Length; t++)
                {
                    var col = engine.ReachabilityTo(matrix.Pods[t], matrix.Probes[p]);
                    var e = engine.Explain(ReachEndpoint.OfPod(matrix.Pods[f]), ReachEndpoint.OfPod(matrix.Pods[t]), matrix.Probes[p]);
                    var where = $"{matrix.Pods[f]}->{matrix.Pods[t]} {matrix.Probes[p]}: explain {e.Allowed} {e.Verdict}: {e.Summary}";
                    Assert.True(e.Allowed == matrix.IsAllowed(f, t, p), where + $"; matrix {matrix.IsAllowed(f, t, p)}");
                    // The naive evaluator walks the tiers in its own code (not the chain, stages or explainer).
                    Assert.True(engine.IsAllowedNaive(matrix.Pods[f], matrix.Pods[t], matrix.Probes[p]) == matrix.IsAllowed(f, t, p), where + "; naive evaluator disagrees");
                    Assert.True(e.Verdict == matrix.VerdictOf(f, t, p), where + $"; matrix {matrix.VerdictOf(f, t, p)}");
                    Assert.True(e.Verdict == row.Peers[t].Verdict && e.Allowed == row.Peers[t].Allowed, where + $"; from-row {row.Peers[t].Verdict}");
                    Assert.True(e.Verdict == col.Peers[f].Verdict && e.Allowed == col.Peers[f].Allowed, where + $"; to-column {col.Peers[f].Verdict}");
                    verdicts.Add(e.Verdict);
                }
            }
        }

        Assert.Contains(ReachVerdict.Denied, verdicts);
        Assert.Contains(ReachVerdict.Allowed, verdicts);
    }
}
