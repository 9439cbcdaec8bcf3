using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using ClusterNet.Core.Tests.Policy.Tiers;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Network set edits patch a policy compiled again for them only at the cells whose peer lies in the old or new nets
/// (subjects whose own IP lies there wholly): over random set edits whose nets cover some pod IPs, picked by the rules
/// of many policies on both sides (selectors by app label, notSelector, namespaceSelector), the patched matrix equals a
/// rebuild, so a restriction that leaves out a peer, merges the wrong bits or misses an own-side change fails.
/// </summary>
public sealed class CalicoSetPatchTests
{
    private static readonly string[] Apps = ["web", "api", "db"];

    [Theory]
    [InlineData(91)]
    [InlineData(92)]
    [InlineData(93)]
    [InlineData(94)]
    [InlineData(95)]
    [InlineData(96)]
    [InlineData(97)]
    [InlineData(98)]
    public void Recompute_RandomSetEditsOverPodIps_EqualsRebuild(int seed)
    {
        var rnd = new Random(seed);
        var engine = PolicyEngine.Build(CalicoRandom.Build(seed, policies: 40));
        var matrix = engine.ComputeMatrix(CalicoRandom.Probes);
        for (var step = 0; step < 10; step++)
        {
            var edit = RandomSetEdit(rnd, engine.Snapshot);
            var next = engine.WithCalicoResource(edit);

            var patched = matrix.Recompute(next, []);

            TierIncrementalTests.AssertSame(PolicyEngine.Build(next.Snapshot).ComputeMatrix(CalicoRandom.Probes), patched, $"seed {seed} step {step} ({(edit.IsDelete ? "delete " : "")}{edit.Name})");
            engine = next;
            matrix = patched;
        }
    }

    /// <summary>A set over one to three pod IPs or a namespace's pod range (CalicoRandom's pods are 10.N.0.2–6), or a delete.</summary>
    private static PolicyEdit RandomSetEdit(Random rnd, ClusterSnapshot s)
    {
        var sets = s.CalicoNetworkSets.Concat(s.CalicoGlobalNetworkSets).ToList();
        if (sets.Count > 0 && rnd.Next(4) == 0)
        {
            var set = sets[rnd.Next(sets.Count)];
            return PolicyEdit.Delete(set.IsGlobal ? CalicoResourceKind.GlobalNetworkSet : CalicoResourceKind.NetworkSet, set.Key);
        }

        string[] nets = [.. Enumerable.Range(0, 1 + rnd.Next(3)).Select(_ => rnd.Next(4) == 0 ? $"10.{rnd.Next(3)}.0.0/29" : $"10.{rnd.Next(3)}.0.{2 + rnd.Next(5)}")];
        return PolicyEdit.Upsert(Set(rnd.Next(3) == 0 ? "partners" : $"set{rnd.Next(3)}", rnd.Next(2) == 0 ? null : $"ns{rnd.Next(3)}", ("app", Apps[rnd.Next(Apps.Length)]), nets));
    }
}
