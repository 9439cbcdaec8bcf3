using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy.Incremental;

/// <summary>
/// Property-style: over seeded random sequences of pod and namespace edits (with and without policy edits mixed in),
/// the engine the cache derives holds the same sets and gives the same answers as one built from scratch, and the
/// engine it was derived from still answers for its own snapshot (nothing shared was mutated).
/// </summary>
public sealed class EngineDerivationRandomTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public void Get_RandomPodAndNamespaceEdits_DerivedEqualsRebuilt(int seed, bool policyEdits)
    {
        var snapshot = RandomCluster.Build(seed, namespaces: 4, podsPerNamespace: 6, policies: 12);
        var cache = new PolicyEngineCache();
        var previous = cache.Get(snapshot);
        var rnd = new Random(seed * 31);
        for (var step = 0; step < 40; step++)
        {
            var before = snapshot;
            snapshot = RandomClusterEdits.Apply(rnd, snapshot, policyEdits, out var what);
            var derived = cache.Get(snapshot);
            var context = $"seed {seed} step {step} ({what})";
            Assert.True(cache.LastOutcome == "incremental", $"{context}: {cache.LastOutcome}");
            EngineEquivalence.AssertSameSets(PolicyEngine.Build(snapshot), derived, context);
            EngineEquivalence.AssertSameSets(PolicyEngine.Build(before), previous, context + " (previous engine)");
            if (step % 8 == 7)
            {
                EngineEquivalence.AssertSameAnswers(PolicyEngine.Build(snapshot), derived, context);
            }

            previous = derived;
        }
    }

    [Fact]
    public void Get_RandomEditsWithTiers_ChainRebuiltOverDerivedIndexEqualsRebuilt()
    {
        var red = new Core.Model.ClusterPolicySubjectInfo { NamespaceSelector = Np.Sel(("team", "red")), Valid = true };
        var blue = new Core.Model.ClusterPolicyPeerInfo { Namespaces = Np.Sel(("team", "blue")) };
        var snapshot = RandomCluster.Build(7, namespaces: 4, podsPerNamespace: 5, policies: 8) with
        {
            AdminNetworkPolicies = Core.Model.KindCollection<Core.Model.ClusterPolicyInfo>.From([Tiers.Cnp.Anp("deny-blue", 10, red, ingress: [Tiers.Cnp.Deny(blue)])]),
            BaselineAdminNetworkPolicies = Core.Model.KindCollection<Core.Model.ClusterPolicyInfo>.From([Tiers.Cnp.Banp(red, ingress: [Tiers.Cnp.Deny(new Core.Model.ClusterPolicyPeerInfo { Namespaces = Np.All })])]),
        };
        var cache = new PolicyEngineCache();
        Assert.True(cache.Get(snapshot).HasTiers);
        var rnd = new Random(77);
        for (var step = 0; step < 12; step++)
        {
            snapshot = RandomClusterEdits.Apply(rnd, snapshot, policies: false, out var what);
            var derived = cache.Get(snapshot);
            Assert.Equal("incremental", cache.LastOutcome);
            EngineEquivalence.AssertSameAnswers(PolicyEngine.Build(snapshot), derived, $"tiers step {step} ({what})");
        }
    }

    [Fact]
    public void Get_ManyPodsChangedAtOnce_Rebuilds()
    {
        var snapshot = RandomCluster.Build(8, namespaces: 4, podsPerNamespace: 40, policies: 6);
        var cache = new PolicyEngineCache();
        cache.Get(snapshot);
        var rnd = new Random(8);
        var moved = snapshot with
        {
            Version = 2,
            Pods = Core.Model.KindCollection<Core.Model.PodInfo>.From(snapshot.Pods.Select(p => p with { Labels = Core.Model.LabelMap.Of(("app", rnd.Next(2) == 0 ? "web" : "db")) })),
        };
        var engine = cache.Get(moved);
        Assert.Equal("rebuilt", cache.LastOutcome);
        EngineEquivalence.AssertSameSets(PolicyEngine.Build(moved), engine, "bulk relabel");
    }
}
