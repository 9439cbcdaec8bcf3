using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy;

public sealed class PolicyWhatIfTests
{
    [Fact]
    public void Run_AddDenyAllIngress_FlipsCellsIntoDev()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot());
        var r = PolicyWhatIf.Run(engine, [PolicyEdit.Upsert(NotesCluster.DenyAllIngress)], [ReachProbe.Tcp(80)]);
        Assert.Equal(
            ["dev/pod1->dev/pod2", "dev/pod2->dev/pod1", "prod/pod1->dev/pod1", "prod/pod1->dev/pod2"],
            r.Flipped.Select(f => $"{f.From}->{f.To}").ToArray());
        Assert.All(r.Flipped, f => Assert.True(f.AllowedBefore && !f.AllowedAfter && f.OutcomeChanged));
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void Run_DeleteMissingPolicy_ReportsProblem()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot());
        var r = PolicyWhatIf.Run(engine, [PolicyEdit.Delete(new ObjectKey("dev", "nope"))], [ReachProbe.Tcp(80)]);
        Assert.Empty(r.Flipped);
        Assert.Equal("no NetworkPolicy dev/nope to delete", Assert.Single(r.Problems));
    }

    [Fact]
    public void Run_RemoveDenyAllEgress_RestoresProdOutbound()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot(NotesCluster.DenyAllEgress));
        var r = PolicyWhatIf.Run(engine, [PolicyEdit.Delete(NotesCluster.DenyAllEgress.Key)], [ReachProbe.Tcp(80)]);
        Assert.Equal(2, r.Flipped.Length);
        Assert.All(r.Flipped, f => Assert.Equal("prod/pod1", f.From.ToString()));
        Assert.Equal(0, r.After.PolicyCount);
    }

    [Fact]
    public void Apply_UpsertReplacesSameKey()
    {
        var s = PolicyWhatIf.Apply(NotesCluster.Snapshot(NotesCluster.DenyAllIngress), [PolicyEdit.Upsert(NotesCluster.DenyAllIngress with { PolicyTypes = ["Egress"] })]);
        Assert.Equal(["Egress"], s.NetworkPolicies.Single().PolicyTypes!.Value.ToArray());
    }
}

public sealed class PolicyEngineCacheTests
{
    [Fact]
    public void Get_PolicyOnlyChange_DerivesIncrementallyAndAnswersLikeFreshBuild()
    {
        var cache = new PolicyEngineCache();
        var s1 = NotesCluster.Snapshot(NotesCluster.DenyAllIngress);
        Assert.Same(cache.Get(s1), cache.Get(s1));
        Assert.Equal("cached", cache.LastOutcome);
        var s2 = s1 with { Version = 2, NetworkPolicies = KindCollection<NetworkPolicyInfo>.From([NotesCluster.DenyAllEgress]) };
        var engine = cache.Get(s2);
        Assert.Equal("incremental", cache.LastOutcome);
        Assert.Same(s2, engine.Snapshot);
        var fresh = PolicyEngine.Build(s2);
        foreach (var f in fresh.Pods)
        {
            foreach (var t in fresh.Pods)
            {
                Assert.Equal(
                    fresh.Explain(ReachEndpoint.OfPod(f), ReachEndpoint.OfPod(t), ReachProbe.Tcp(80)).Verdict,
                    engine.Explain(ReachEndpoint.OfPod(f), ReachEndpoint.OfPod(t), ReachProbe.Tcp(80)).Verdict);
            }
        }

        var s3 = s2 with { Version = 3, Pods = KindCollection<PodInfo>.From(s2.Pods.Skip(1)) };
        cache.Get(s3);
        Assert.Equal("rebuilt", cache.LastOutcome);
    }
}
