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
        var engine = PolicyEngine.Build(Cluster(rnd));
        var matrix = engine.ComputeMatrix(CalicoRandom.Probes);
        for (var step = 0; step < 16; step++)
        {
            var edit = RandomSetEdit(rnd, engine.Snapshot);
            var next = engine.WithCalicoResource(edit);

            var patched = matrix.Recompute(next, []);

            TierIncrementalTests.AssertSame(PolicyEngine.Build(next.Snapshot).ComputeMatrix(CalicoRandom.Probes), patched, $"seed {seed} step {step} ({(edit.IsDelete ? "delete " : "")}{edit.Name})");
            engine = next;
            matrix = patched;
        }
    }

    /// <summary>
    /// Pods 10.N.0.2–9 in three namespaces, Calico policies whose rules pick peers by app label (so by set too), either
    /// side, first match Allow or Deny, most pods judged by several: a set's pods flip cells of many subjects.
    /// </summary>
    private static ClusterSnapshot Cluster(Random rnd)
    {
        var objects = new List<IClusterObject> { Tier("security", 100), Tier("platform", 500, CalicoRuleAction.Pass) };
        for (var n = 0; n < 3; n++)
        {
            objects.Add(Ns($"ns{n}", ("env", n == 0 ? "prod" : "dev")));
            for (var i = 0; i < 8; i++)
            {
                objects.Add(Pod($"ns{n}", $"p{i}", $"10.{n}.0.{i + 2}", labels: [("app", Apps[rnd.Next(Apps.Length)])]));
            }
        }

        string[] selectors = ["app == 'web'", "app == 'api'", "app in {'db', 'web'}", "app != 'db'", "all()"];
        CalicoEntityRuleInfo Peer() => rnd.Next(3) == 0
            ? new CalicoEntityRuleInfo { Selector = selectors[rnd.Next(selectors.Length)], NamespaceSelector = "all()" }
            : Sel(selectors[rnd.Next(selectors.Length)]);
        // The peer side always picks by label; the own side now and then too (a set then changes whom the rule judges).
        CalicoRuleInfo RuleOf(bool ingress)
        {
            var (peer, own) = (Peer(), rnd.Next(4) == 0 ? Peer() : null);
            return Rule(rnd.Next(3) == 0 ? CalicoRuleAction.Deny : CalicoRuleAction.Allow, ingress ? peer : own, ingress ? own : peer);
        }

        for (var i = 0; i < 24; i++)
        {
            var (tier, selector) = (rnd.Next(2) == 0 ? "security" : "platform", selectors[rnd.Next(selectors.Length)]);
            CalicoRuleInfo[] ingress = [.. Enumerable.Range(0, 1 + rnd.Next(2)).Select(_ => RuleOf(true))];
            CalicoRuleInfo[] egress = [.. Enumerable.Range(0, rnd.Next(3)).Select(_ => RuleOf(false))];
            objects.Add(rnd.Next(2) == 0
                ? Gnp($"g{i}", tier, rnd.Next(5) * 100, selector, ingress, egress)
                : Np($"ns{rnd.Next(3)}", $"n{i}", tier, rnd.Next(5) * 100, selector, ingress, egress));
        }

        return Snapshot([.. objects]);
    }

    /// <summary>A set over one to three pod IPs or a namespace's pod range (the pods are 10.N.0.2–9), or a delete.</summary>
    private static PolicyEdit RandomSetEdit(Random rnd, ClusterSnapshot s)
    {
        var sets = s.CalicoNetworkSets.Concat(s.CalicoGlobalNetworkSets).ToList();
        if (sets.Count > 0 && rnd.Next(4) == 0)
        {
            var set = sets[rnd.Next(sets.Count)];
            return PolicyEdit.Delete(set.IsGlobal ? CalicoResourceKind.GlobalNetworkSet : CalicoResourceKind.NetworkSet, set.Key);
        }

        string[] nets = [.. Enumerable.Range(0, 1 + rnd.Next(3)).Select(_ => rnd.Next(4) == 0 ? $"10.{rnd.Next(3)}.0.0/29" : $"10.{rnd.Next(3)}.0.{2 + rnd.Next(8)}")];
        return PolicyEdit.Upsert(Set(rnd.Next(3) == 0 ? "partners" : $"set{rnd.Next(3)}", rnd.Next(2) == 0 ? null : $"ns{rnd.Next(3)}", ("app", Apps[rnd.Next(Apps.Length)]), nets));
    }
}
