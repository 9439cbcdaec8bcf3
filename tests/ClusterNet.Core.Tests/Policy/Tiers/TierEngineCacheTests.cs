using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Tiers.Cnp;

namespace ClusterNet.Core.Tests.Policy.Tiers;

/// <summary>The engine cache follows cluster policy changes without a full rebuild (pods unchanged), and answers with them.</summary>
public sealed class TierEngineCacheTests
{
    private static readonly string[] Pods = ["x/a", "y/a"];

    [Fact]
    public void ClusterPolicyAdded_Incremental_AnswersWithTheNewTier()
    {
        var cache = new PolicyEngineCache();
        var first = Snapshot(Pods, []);
        Assert.True(cache.Get(first).Explain(ReachEndpoint.OfPod(ObjectKey.Parse("y/a")), ReachEndpoint.OfPod(ObjectKey.Parse("x/a")), ReachProbe.Tcp(80)).Allowed);

        var second = first with { Version = 2, ClusterNetworkPolicies = KindCollection<ClusterPolicyInfo>.From([Admin("deny-y", 1, SubjectNs("x"), ingress: [Deny(Ns("y"))])]) };
        var engine = cache.Get(second);
        Assert.Equal("incremental", cache.LastOutcome);
        Assert.True(engine.HasTiers);
        Assert.False(engine.Explain(ReachEndpoint.OfPod(ObjectKey.Parse("y/a")), ReachEndpoint.OfPod(ObjectKey.Parse("x/a")), ReachProbe.Tcp(80)).Allowed);

        var third = second with { Version = 3, ClusterNetworkPolicies = KindCollection<ClusterPolicyInfo>.Empty };
        Assert.False(cache.Get(third).HasTiers);
    }
}
