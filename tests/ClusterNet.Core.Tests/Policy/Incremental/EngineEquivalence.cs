using System.Text.Json;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy.Incremental;

/// <summary>Asserts that two engines for the same snapshot give the same answers, and hold the same compiled sets.</summary>
internal static class EngineEquivalence
{
    public static readonly ReachProbe[] Probes = [ReachProbe.Tcp(80), ReachProbe.Tcp(81), new(53, "UDP"), ReachProbe.Tcp(8080), new(80, "SCTP")];

    private static readonly string[] Externals = ["10.1.0.7", "10.3.1.9", "192.0.2.1"];

    /// <summary>Compiled state: pods, namespaces, every policy's selected pods and rule sets, isolation per pod.</summary>
    public static void AssertSameSets(PolicyEngine expected, PolicyEngine actual, string context)
    {
        Assert.True(expected.Pods.SequenceEqual(actual.Pods), $"{context}: pod order");
        var e = expected.Index;
        var a = actual.Index;
        Assert.True(e.NamespaceNames.SequenceEqual(a.NamespaceNames), $"{context}: namespaces {string.Join(",", e.NamespaceNames)} vs {string.Join(",", a.NamespaceNames)}");
        for (var n = 0; n < e.NamespaceNames.Length; n++)
        {
            Assert.True(e.NamespaceLabels[n].OrderBy(kv => kv.Key).SequenceEqual(a.NamespaceLabels[n].OrderBy(kv => kv.Key)), $"{context}: labels of {e.NamespaceNames[n]}");
            Assert.True(e.PodsByNamespace[n].SetEquals(a.PodsByNamespace[n]), $"{context}: pods of {e.NamespaceNames[n]}");
        }

        Assert.True(e.HostNetwork.SequenceEqual(a.HostNetwork), $"{context}: hostNetwork");
        Assert.True(e.PodNamespace.SequenceEqual(a.PodNamespace), $"{context}: pod namespaces");
        Assert.Equal(e.AnyHostNetwork, a.AnyHostNetwork);
        Assert.True(e.All.SetEquals(a.All), $"{context}: all pods");
        for (var i = 0; i < e.PodCount; i++)
        {
            Assert.True(e.PodAddressValues[i].SequenceEqual(a.PodAddressValues[i]), $"{context}: addresses of {e.PodKeys[i]}");
            Assert.True(Keys(expected, expected.IngressPoliciesOf(i)).SetEquals(Keys(actual, actual.IngressPoliciesOf(i))), $"{context}: ingress policies of {e.PodKeys[i]}");
            Assert.True(Keys(expected, expected.EgressPoliciesOf(i)).SetEquals(Keys(actual, actual.EgressPoliciesOf(i))), $"{context}: egress policies of {e.PodKeys[i]}");
        }

        Assert.Equal(expected.PolicyCount, actual.PolicyCount);
        foreach (var np in expected.Snapshot.NetworkPolicies)
        {
            Assert.True(expected.TryGetPolicy(np.Key, out var pe), $"{context}: {np.Key} in expected");
            Assert.True(actual.TryGetPolicy(np.Key, out var pa), $"{context}: {np.Key} missing");
            Assert.True(pe.Selected.SetEquals(pa.Selected), $"{context}: {np.Key} selected {Members(pe.Selected)} vs {Members(pa.Selected)}");
            foreach (var (re, ra) in pe.IngressRules.Concat(pe.EgressRules).Zip(pa.IngressRules.Concat(pa.EgressRules)))
            {
                var what = $"{context}: {np.Key} {(re.Ingress ? "ingress" : "egress")}[{re.Index}]";
                Assert.True(re.SelectorPods.SetEquals(ra.SelectorPods), $"{what} selector pods {Members(re.SelectorPods)} vs {Members(ra.SelectorPods)}");
                Assert.True(re.IpBlockPods.SetEquals(ra.IpBlockPods), $"{what} ipBlock pods {Members(re.IpBlockPods)} vs {Members(ra.IpBlockPods)}");
                Assert.True(re.AllPods.SetEquals(ra.AllPods), $"{what} all pods");
            }
        }
    }

    /// <summary>Answers: Explain for every pair (and a few external addresses) on every probe, one-pod reachability both ways, the matrix.</summary>
    public static void AssertSameAnswers(PolicyEngine expected, PolicyEngine actual, string context)
    {
        var pods = expected.Pods;
        foreach (var probe in Probes)
        {
            foreach (var f in pods)
            {
                foreach (var t in pods)
                {
                    AssertSameExplain(expected, actual, ReachEndpoint.OfPod(f), ReachEndpoint.OfPod(t), probe, context);
                }

                foreach (var x in Externals)
                {
                    AssertSameExplain(expected, actual, ReachEndpoint.OfPod(f), ReachEndpoint.External(x), probe, context);
                    AssertSameExplain(expected, actual, ReachEndpoint.External(x), ReachEndpoint.OfPod(f), probe, context);
                }

                Assert.True(expected.ReachabilityFrom(f, probe).Peers.SequenceEqual(actual.ReachabilityFrom(f, probe).Peers), $"{context}: from {f} {probe}");
                Assert.True(expected.ReachabilityTo(f, probe).Peers.SequenceEqual(actual.ReachabilityTo(f, probe).Peers), $"{context}: to {f} {probe}");
            }
        }

        var me = expected.ComputeMatrix(Probes);
        var ma = actual.ComputeMatrix(Probes);
        for (var f = 0; f < pods.Length; f++)
        {
            for (var t = 0; t < pods.Length; t++)
            {
                for (var p = 0; p < Probes.Length; p++)
                {
                    Assert.True(me.VerdictOf(f, t, p) == ma.VerdictOf(f, t, p), $"{context}: matrix {pods[f]}->{pods[t]} {Probes[p]}");
                }
            }
        }
    }

    private static void AssertSameExplain(PolicyEngine expected, PolicyEngine actual, ReachEndpoint from, ReachEndpoint to, ReachProbe probe, string context)
    {
        var e = JsonSerializer.Serialize(expected.Explain(from, to, probe));
        var a = JsonSerializer.Serialize(actual.Explain(from, to, probe));
        Assert.True(e == a, $"{context}: explain {from} -> {to} {probe}\nexpected {e}\nactual   {a}");
    }

    private static HashSet<string> Keys(PolicyEngine engine, int[] slots) => [.. slots.Select(i => engine.PolicyAt(i).Key.ToString())];

    private static string Members(PodSet set) => string.Join(",", set.Members());
}
