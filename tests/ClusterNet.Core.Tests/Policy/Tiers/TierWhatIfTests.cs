using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Np;
using static ClusterNet.Core.Tests.Policy.Tiers.Cnp;

namespace ClusterNet.Core.Tests.Policy.Tiers;

/// <summary>What-if takes edits of the cluster-scoped kinds: add, replace and delete, with the flipped cells listed.</summary>
public sealed class TierWhatIfTests
{
    private static readonly string[] Pods = ["x/a", "y/a", "z/a"];
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);

    [Fact]
    public void AddingAnAdminDeny_FlipsExactlyItsCells()
    {
        var engine = PolicyEngine.Build(Snapshot(Pods, [NetPol("x", "allow-all", All, ingress: [From(Namespaces(All))])]));
        var result = PolicyWhatIf.Run(engine, [PolicyEdit.Upsert(Admin("block-y", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]))], [Tcp80]);
        var flip = Assert.Single(result.Flipped);
        Assert.Equal((ObjectKey.Parse("y/a"), ObjectKey.Parse("x/a"), true, false), (flip.From, flip.To, flip.AllowedBefore, flip.AllowedAfter));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void DeletingABaseline_AndAMissingOne()
    {
        var engine = PolicyEngine.Build(Snapshot(Pods, [], Banp(SubjectNs("x"), ingress: [Deny(Ns("z"))])));
        var result = PolicyWhatIf.Run(engine,
            [PolicyEdit.Delete(ClusterPolicyKind.BaselineAdminNetworkPolicy, "default"), PolicyEdit.Delete(ClusterPolicyKind.ClusterNetworkPolicy, "nope")], [Tcp80]);
        var flip = Assert.Single(result.Flipped);
        Assert.Equal((ObjectKey.Parse("z/a"), ObjectKey.Parse("x/a"), false, true), (flip.From, flip.To, flip.AllowedBefore, flip.AllowedAfter));
        Assert.Equal("no ClusterNetworkPolicy nope to delete", Assert.Single(result.Problems));
    }

    [Fact]
    public void ApplyingEdits_ToASnapshot_ReplacesByKindAndName()
    {
        var snapshot = Snapshot(Pods, [], Admin("p", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]));
        var edited = PolicyWhatIf.Apply(snapshot, [PolicyEdit.Upsert(Admin("p", 20, SubjectNs("x"), ingress: [Deny(Ns("z"))]))]);
        Assert.Equal(20, Assert.Single(edited.ClusterNetworkPolicies).Priority);
    }

    [Fact]
    public void AnEditThatChangesNothing_SaysWhy()
    {
        var engine = PolicyEngine.Build(Snapshot(Pods, []));
        var result = PolicyWhatIf.Run(engine, [PolicyEdit.Upsert(Admin("nobody", 10, SubjectNs("nope"), ingress: [Deny(Ns("y"))]))], [Tcp80]);
        Assert.Empty(result.Flipped);
        Assert.Contains("ClusterNetworkPolicy nobody decides no connection differently", result.NothingFlippedBecause);
    }
}
