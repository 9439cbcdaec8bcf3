using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using ClusterNet.Core.Tests.Policy.Tiers;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// What-if edits of Calico Tiers, NetworkSets and GlobalNetworkSets: applied to the engine incrementally (the Calico
/// model derived: a set edit compiles again only policies whose rules pick the old or new set, a Tier edit regroups
/// the tiers; the matrix patched where the engine allows it) they equal a rebuild from the edited snapshot, over random
/// edit sequences mixed with policy edits; deletes of missing objects are reported; delete keys parse.
/// </summary>
public sealed class CalicoResourceWhatIfTests
{
    private static readonly string[] TierNames = ["security", "platform", "late", "default", "extra"];

    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    [InlineData(73)]
    [InlineData(74)]
    [InlineData(75)]
    [InlineData(76)]
    public void Recompute_RandomTierAndSetEdits_EqualsRebuild(int seed)
    {
        var rnd = new Random(seed);
        var engine = PolicyEngine.Build(CalicoRandom.Build(seed));
        var matrix = engine.ComputeMatrix(CalicoRandom.Probes);
        for (var step = 0; step < 12; step++)
        {
            var edit = RandomEdit(rnd, engine.Snapshot, step);
            var next = edit.IsCalicoResource ? engine.WithCalicoResource(edit) : engine.WithCalicoPolicy(edit.CalicoPolicy!);

            var patched = matrix.Recompute(next, []);

            var fresh = PolicyEngine.Build(next.Snapshot);
            var where = $"seed {seed} step {step} ({(edit.IsDelete ? "delete " : "")}{edit.Name})";
            TierIncrementalTests.AssertSame(fresh.ComputeMatrix(CalicoRandom.Probes), patched, where);
            var probe = CalicoRandom.Probes[step % CalicoRandom.Probes.Length];
            var (from, to) = (engine.Pods[rnd.Next(engine.Pods.Length)], engine.Pods[rnd.Next(engine.Pods.Length)]);
            Assert.True(fresh.Explain(ReachEndpoint.OfPod(from), ReachEndpoint.OfPod(to), probe).Allowed == next.Explain(ReachEndpoint.OfPod(from), ReachEndpoint.OfPod(to), probe).Allowed, where);
            engine = next;
            matrix = patched;
        }
    }

    private static PolicyEdit RandomEdit(Random rnd, ClusterSnapshot s, int step)
    {
        var sets = s.CalicoNetworkSets.Concat(s.CalicoGlobalNetworkSets).ToList();
        switch (rnd.Next(8))
        {
            case 0 when s.CalicoTiers.Count > 0:
                var tier = s.CalicoTiers.ElementAt(rnd.Next(s.CalicoTiers.Count));
                return PolicyEdit.Delete(CalicoResourceKind.Tier, tier.Key);
            case 0 or 1 or 2:
                double? order = rnd.Next(4) == 0 ? null : rnd.Next(5) * 600_000;
                return PolicyEdit.Upsert(Tier(TierNames[rnd.Next(TierNames.Length)], order, rnd.Next(2) == 0 ? CalicoRuleAction.Deny : CalicoRuleAction.Pass));
            case 3 when sets.Count > 0:
                var set = sets[rnd.Next(sets.Count)];
                return PolicyEdit.Delete(set.IsGlobal ? CalicoResourceKind.GlobalNetworkSet : CalicoResourceKind.NetworkSet, set.Key);
            case 3 or 4 or 5:
                var label = ("app", new[] { "web", "api", "db", "none" }[rnd.Next(4)]);
                string[] nets = [.. Enumerable.Range(0, 1 + rnd.Next(2)).Select(_ => rnd.Next(3) == 0 ? $"10.{rnd.Next(3)}.0.0/16" : $"10.{rnd.Next(3)}.0.{2 + rnd.Next(5)}")];
                return PolicyEdit.Upsert(Set(rnd.Next(3) == 0 ? "partners" : $"set{rnd.Next(3)}", rnd.Next(2) == 0 ? null : $"ns{rnd.Next(3)}", label, nets));
            default:
                return PolicyEdit.Upsert(CalicoRandom.Policy(rnd, $"w{step}"));
        }
    }

    [Fact]
    public void WithCalicoResource_SetARulePicks_CompilesThatPolicyAgainOnly()
    {
        var snapshot = Snapshot(
            Ns("a"),
            Pod("a", "web", "10.0.0.1", labels: [("app", "web")]),
            Pod("a", "db", "10.0.0.2", labels: [("app", "db")]),
            Gnp("uses-sets", order: 10, selector: "app == 'db'", ingress: [Deny(Sel("role == 'blocked'")), Allow()], types: ["Ingress"]),
            Gnp("labels-only", order: 20, selector: "app == 'web'", ingress: [Allow(Sel("app == 'db'"))], types: ["Ingress"]));
        var engine = PolicyEngine.Build(snapshot);
        var matrix = engine.ComputeMatrix([ReachProbe.Tcp(80)]);
        var policies = engine.Chain.Stages.OfType<CalicoTierStage>().Single().TierModel.Policies;

        var next = engine.WithCalicoResource(PolicyEdit.Upsert(Set("blocklist", null, ("role", "blocked"), "10.0.0.1")));

        var now = next.Chain.Stages.OfType<CalicoTierStage>().Single().TierModel.Policies;
        var kept = policies.Single(p => p.Display.Contains("labels-only", StringComparison.Ordinal));
        Assert.Same(kept, now.Single(p => p.Display.Contains("labels-only", StringComparison.Ordinal)));
        Assert.Same(engine.Chain.Stages.OfType<CalicoTierStage>().Single().Bits.Of(kept), next.Chain.Stages.OfType<CalicoTierStage>().Single().Bits.Of(kept));
        Assert.NotSame(policies.Single(p => p.Display.Contains("uses-sets", StringComparison.Ordinal)), now.Single(p => p.Display.Contains("uses-sets", StringComparison.Ordinal)));
        var patched = matrix.Recompute(next, []);
        Assert.False(patched.IsAllowed(Array.IndexOf([.. next.Pods], new ObjectKey("a", "web")), Array.IndexOf([.. next.Pods], new ObjectKey("a", "db")), 0));
        TierIncrementalTests.AssertSame(PolicyEngine.Build(next.Snapshot).ComputeMatrix([ReachProbe.Tcp(80)]), patched, "set added");
    }

    [Theory]
    [InlineData(81)]
    [InlineData(82)]
    public void WhatIf_TierAndSetEdits_FlipsEqualRebuildDiff(int seed)
    {
        var snapshot = CalicoRandom.Build(seed);
        var engine = PolicyEngine.Build(snapshot);
        PolicyEdit[] edits =
        [
            PolicyEdit.Upsert(Tier("platform", 500, CalicoRuleAction.Deny)),
            PolicyEdit.Upsert(Set("partners", null, ("app", "db"), "10.0.0.0/24")),
            PolicyEdit.Delete(CalicoResourceKind.NetworkSet, new ObjectKey("ns2", "apis")),
            PolicyEdit.Upsert(Tier("late", 10)),
        ];

        var result = PolicyWhatIf.Run(engine, edits, CalicoRandom.Probes);

        var fresh = PolicyEngine.Build(PolicyWhatIf.Apply(snapshot, edits)).ComputeMatrix(CalicoRandom.Probes);
        TierIncrementalTests.AssertSame(fresh, result.AfterMatrix, $"seed {seed}");
        Assert.Empty(result.Problems);
        Assert.NotEmpty(result.Flipped);
        Assert.Equal(PolicyWhatIf.Diff(result.BeforeMatrix, fresh).Length, result.Flipped.Length);
    }

    [Fact]
    public void WhatIf_DeleteMissingTierAndSet_ReportsEach()
    {
        var engine = PolicyEngine.Build(CalicoRandom.Build(83));

        var result = PolicyWhatIf.Run(engine, [PolicyEdit.Delete(CalicoResourceKind.Tier, ObjectKey.Cluster("nope")), PolicyEdit.Delete(CalicoResourceKind.NetworkSet, new ObjectKey("ns0", "nope"))], CalicoRandom.Probes);

        Assert.Equal(["no Tier nope to delete", "no NetworkSet ns0/nope to delete"], result.Problems.ToArray());
        Assert.Empty(result.Flipped);
    }

    [Fact]
    public void WhatIf_SetPickedByNoRule_SaysWhyNothingFlipped()
    {
        var engine = PolicyEngine.Build(CalicoRandom.Build(84));

        var result = PolicyWhatIf.Run(engine, [PolicyEdit.Upsert(Set("idle", null, ("picked-by", "nothing"), "10.0.0.0/8"))], CalicoRandom.Probes);

        Assert.Empty(result.Flipped);
        Assert.Contains("GlobalNetworkSet idle changes no Calico verdict between pods", result.NothingFlippedBecause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tier/security", "Tier", "security")]
    [InlineData("GlobalNetworkSet/blocklist", "GlobalNetworkSet", "blocklist")]
    [InlineData("NetworkSet/dev/partners", "NetworkSet", "dev/partners")]
    public void DeleteKey_CalicoResource_ParsesKindAndKey(string text, string kind, string key)
    {
        var edit = PolicyDeleteKey.Parse(text, out var error);

        Assert.Null(error);
        Assert.NotNull(edit);
        Assert.True(edit.IsDelete);
        Assert.Equal(kind, edit.CalicoResource?.ToString());
        Assert.Equal(key, edit.Key.ToString());
        Assert.Null(edit.CalicoKind);
        Assert.Equal($"{kind} {key}", PolicyDeleteKey.Describe(edit));
    }

    [Fact]
    public void DeleteKeyExists_SetAddedByEarlierEdit_True()
    {
        var snapshot = CalicoRandom.Build(85);
        var delete = PolicyEdit.Delete(CalicoResourceKind.GlobalNetworkSet, ObjectKey.Cluster("fresh"));

        Assert.False(PolicyDeleteKey.Exists(snapshot, delete, []));
        Assert.True(PolicyDeleteKey.Exists(snapshot, delete, [PolicyEdit.Upsert(Set("fresh", null, ("a", "b"), "192.0.2.0/24"))]));
        Assert.True(PolicyDeleteKey.Exists(snapshot, PolicyEdit.Delete(CalicoResourceKind.Tier, ObjectKey.Cluster("security")), []));
    }
}
