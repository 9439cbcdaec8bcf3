using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using ClusterNet.Core.Tests.Policy.Tiers;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Calico edits applied incrementally (the Calico model derived with one policy recompiled, the others keeping their
/// bitsets; the matrix patched for the changed policy's pods) equal a rebuild from the edited snapshot, for Calico
/// NetworkPolicies and GlobalNetworkPolicies in every tier, Kubernetes NetworkPolicies inside Calico's default tier,
/// adds, changes and deletes, directly and through the what-if.
/// </summary>
public sealed class CalicoIncrementalTests
{
    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    [InlineData(44)]
    [InlineData(45)]
    [InlineData(46)]
    public void Recompute_RandomCalicoEdits_EqualsRebuild(int seed)
    {
        var rnd = new Random(seed);
        var engine = PolicyEngine.Build(CalicoRandom.Build(seed));
        var matrix = engine.ComputeMatrix(CalicoRandom.Probes);
        for (var step = 0; step < 10; step++)
        {
            var calico = engine.Snapshot.CalicoNetworkPolicies.Concat(engine.Snapshot.CalicoGlobalNetworkPolicies).ToList();
            var roll = rnd.Next(10);
            PolicyEngine next;
            ObjectKey[] changed = [];
            string what;
            if (roll < 2 && calico.Count > 0)
            {
                var victim = calico[rnd.Next(calico.Count)];
                next = engine.WithoutCalicoPolicy(victim.Kind, victim.Key);
                what = $"delete {victim.DisplayName}";
            }
            else if (roll < 6 && calico.Count > 0)
            {
                var victim = calico[rnd.Next(calico.Count)];
                next = engine.WithCalicoPolicy(CalicoRandom.Policy(rnd, victim.Name, victim.Kind, victim.Namespace));
                what = $"change {victim.DisplayName}";
            }
            else if (roll < 8)
            {
                next = engine.WithCalicoPolicy(CalicoRandom.Policy(rnd, $"new{step}"));
                what = $"add new{step}";
            }
            else
            {
                var k8s = CalicoRandom.KubernetesPolicy(rnd, $"k{rnd.Next(4)}");
                next = engine.WithPolicy(k8s);
                changed = [k8s.Key];
                what = $"Kubernetes NetworkPolicy {k8s.Key}";
            }

            var patched = matrix.Recompute(next, changed);
            TierIncrementalTests.AssertSame(PolicyEngine.Build(next.Snapshot).ComputeMatrix(CalicoRandom.Probes), patched, $"seed {seed} step {step} ({what})");
            engine = next;
            matrix = patched;
        }
    }

    [Theory]
    [InlineData(51)]
    [InlineData(52)]
    [InlineData(53)]
    public void WhatIf_CalicoEdits_FlipsEqualRebuildDiff(int seed)
    {
        var rnd = new Random(seed);
        var snapshot = CalicoRandom.Build(seed);
        var engine = PolicyEngine.Build(snapshot);
        var victim = snapshot.CalicoNetworkPolicies.Concat(snapshot.CalicoGlobalNetworkPolicies).First();
        PolicyEdit[] edits =
        [
            PolicyEdit.Upsert(CalicoRandom.Policy(rnd, victim.Name, victim.Kind, victim.Namespace)),
            PolicyEdit.Upsert(CalicoRandom.Policy(rnd, "added")),
        ];

        var result = PolicyWhatIf.Run(engine, edits, CalicoRandom.Probes);

        var fresh = PolicyEngine.Build(PolicyWhatIf.Apply(snapshot, edits)).ComputeMatrix(CalicoRandom.Probes);
        TierIncrementalTests.AssertSame(fresh, result.AfterMatrix, $"seed {seed}");
        Assert.Equal(PolicyWhatIf.Diff(result.BeforeMatrix, fresh).Length, result.Flipped.Length);
    }

    [Fact]
    public void WithCalicoPolicy_PatchesOnlyRowsThatChange_AndKeepsOtherPoliciesBitsets()
    {
        var snapshot = Snapshot(
            Tier("security", 100),
            Ns("a"), Ns("b"),
            Pod("a", "web", "10.0.0.1", labels: [("app", "web")]),
            Pod("a", "db", "10.0.0.2", labels: [("app", "db")]),
            Pod("b", "web", "10.0.1.1", labels: [("app", "web")]),
            Pod("b", "db", "10.0.1.2", labels: [("app", "db")]),
            Gnp("allow-web", "security", 10, "app == 'web'", ingress: [Allow()], egress: [Allow()]),
            Np("a", "db", "security", 20, "app == 'db'", ingress: [Deny(Sel("app == 'web'")), Allow()], egress: [Allow()]));
        var engine = PolicyEngine.Build(snapshot);
        var probes = new[] { ReachProbe.Tcp(80) };
        var matrix = engine.ComputeMatrix(probes);
        var edited = Np("a", "db", "security", 20, "app == 'db'", ingress: [Allow()], egress: [Allow()]);

        var next = engine.WithCalicoPolicy(edited);
        var patched = matrix.Recompute(next, []);

        TierIncrementalTests.AssertSame(PolicyEngine.Build(next.Snapshot).ComputeMatrix(probes), patched, "edit");
        var was = matrix.Classes[0].Layer.Rows;
        var now = patched.Classes[0].Layer.Rows;
        for (var s = 0; s < was.Length; s++)
        {
            // Only a/web's row changes (a/db now admits it; the denied selector was scoped to namespace a); the other rows are the same objects.
            var changed = !was.RowEquals(now, s);
            Assert.Equal(changed, !was.SharesRow(now, s));
            Assert.Equal(engine.Pods[s] == new ObjectKey("a", "web"), changed);
        }

        var before = Stage(engine).Bits;
        var after = Stage(next).Bits;
        var kept = engine.Chain.Stages.OfType<CalicoTierStage>().Single().TierModel.Policies.Single(p => p.Display.Contains("allow-web", StringComparison.Ordinal));
        Assert.Same(before.Of(kept), after.Of(kept));
    }

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    public void Rebind_TierObjectsAndPoliciesChanged_EqualsRebuild(int seed)
    {
        // A changed Tier (defaultAction, order) with a policy added: the Calico model is derived (tiers regrouped, kept policies keep their bitsets).
        var rnd = new Random(seed);
        var before = CalicoRandom.Build(seed);
        var after = before with
        {
            CalicoTiers = KindCollection<CalicoTierInfo>.From(before.CalicoTiers.Select(t => t.Name == "platform" ? t with { DefaultAction = CalicoRuleAction.Deny, Order = 50 } : t)),
            CalicoGlobalNetworkPolicies = KindCollection<CalicoPolicyInfo>.From(before.CalicoGlobalNetworkPolicies.Append(CalicoRandom.Policy(rnd, "extra", CalicoPolicyKind.GlobalNetworkPolicy))),
        };
        var engine = PolicyEngine.Build(before);
        var matrix = engine.ComputeMatrix(CalicoRandom.Probes);

        var rebound = engine.Rebind(after);

        var fresh = PolicyEngine.Build(after).ComputeMatrix(CalicoRandom.Probes);
        TierIncrementalTests.AssertSame(fresh, rebound.ComputeMatrix(CalicoRandom.Probes), "rebound");
        TierIncrementalTests.AssertSame(fresh, matrix.Recompute(rebound, []), "patched");
    }

    private static CalicoTierStage Stage(PolicyEngine engine) => engine.Chain.Stages.OfType<CalicoTierStage>().Single();
}
