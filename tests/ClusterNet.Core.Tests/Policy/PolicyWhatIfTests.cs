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
        Assert.Equal("incremental", cache.LastOutcome); // pod deletions are derived, not rebuilt (issue #15)
    }
}

/// <summary>When nothing flips, the what-if says why, naming what still decides.</summary>
public sealed class PolicyWhatIfNothingFlippedTests
{
    [Fact]
    public void Run_DeleteDenyAllWhileAllow80StillIsolates_SaysDevPodsStayIsolated()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot(NotesCluster.DenyAllIngress, NotesCluster.Allow80Ingress));
        var r = PolicyWhatIf.Run(engine, [PolicyEdit.Delete(NotesCluster.DenyAllIngress.Key)], [ReachProbe.Tcp(80), ReachProbe.Tcp(8080)]);
        Assert.Empty(r.Flipped);
        Assert.Equal("Nothing flips on any of the 2 ports (80/TCP, 8080/TCP): dev pods stay isolated for ingress by dev/allow-80-ingress.", r.NothingFlippedBecause);
    }

    [Fact]
    public void Run_PolicySelectingNoPod_SaysSo()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot());
        var ghost = Np.NetPol("dev", "ghost", Np.Sel(("app", "nothing")), ingress: []);
        var r = PolicyWhatIf.Run(engine, [PolicyEdit.Upsert(ghost)], [ReachProbe.Tcp(80)]);
        Assert.Equal("Nothing flips on 80/TCP: dev/ghost selects no pod.", r.NothingFlippedBecause);
    }

    [Fact]
    public void Run_AllowAllIngress_AdmitsEveryConnection()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot());
        var allowAll = Np.NetPol("prod", "allow-all", Np.All, ingress: [Np.Rule()]);
        var r = PolicyWhatIf.Run(engine, [PolicyEdit.Upsert(allowAll)], [ReachProbe.Tcp(80)]);
        Assert.Empty(r.Flipped);
        Assert.Equal("Nothing flips on 80/TCP: prod/allow-all admits every ingress connection of prod/pod1 on these ports.", r.NothingFlippedBecause);
    }

    [Fact]
    public void Run_SomethingFlips_NoReason()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot());
        Assert.Null(PolicyWhatIf.Run(engine, [PolicyEdit.Upsert(NotesCluster.DenyAllIngress)], [ReachProbe.Tcp(80)]).NothingFlippedBecause);
    }
}
