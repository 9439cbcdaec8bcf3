using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// With Kubernetes NetworkPolicies only, Calico's tiered model (knp.default.* in the default tier, deny at the end of a
/// tier that applies) must give the NetworkPolicy engine's answers on every pod pair of the random clusters
/// (hostNetwork ends excepted: Calico treats them as host endpoints).
/// </summary>
public sealed class CalicoKubernetesEquivalenceTests
{
    private static readonly ReachProbe[] Probes = [ReachProbe.Tcp(80), ReachProbe.Tcp(81), new(53, "UDP"), ReachProbe.Tcp(8080), new(80, "SCTP")];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Evaluate_KubernetesPoliciesOnly_SameAsNetworkPolicyEngine(int seed)
    {
        var snapshot = RandomCluster.Build(seed, namespaces: 3, podsPerNamespace: 6, policies: 12);
        var engine = PolicyEngine.Build(snapshot);
        var calico = CalicoTieredEvaluator.Build(snapshot);
        var pods = snapshot.Pods.Where(p => !p.HostNetwork).ToList();
        var compared = 0;
        foreach (var from in pods)
        {
            foreach (var to in pods)
            {
                foreach (var probe in Probes)
                {
                    var f = ReachEndpoint.OfPod(from.Key);
                    var t = ReachEndpoint.OfPod(to.Key);
                    var expected = engine.Explain(f, t, probe).Allowed;
                    var actual = calico.Evaluate(f, t, probe);
                    Assert.True(expected == actual.Allowed, $"{from.Key} -> {to.Key} {probe}: NetworkPolicy engine {expected}, Calico {actual.Allowed}: {actual.Summary}");
                    compared++;
                }
            }
        }

        Assert.True(compared > 100);
    }
}
