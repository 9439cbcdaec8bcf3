using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>What-if takes Calico NetworkPolicy / GlobalNetworkPolicy edits: add, replace, delete, with the flipped cells.</summary>
public sealed class CalicoWhatIfTests
{
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);

    private static readonly IClusterObject[] Cluster =
    [
        Ns("dev"), Ns("db"),
        Pod("dev", "web", "10.0.1.1", labels: [("app", "web")]),
        Pod("db", "pg", "10.0.2.1", labels: [("app", "pg")]),
        Tier("security", 100),
    ];

    private static PolicyEngine Engine(params IClusterObject[] extra) => PolicyEngine.Build(Snapshot([.. Cluster, .. extra]));

    private static CalicoPolicyInfo DenyWebToPg => Gnp("deny-web", "security", 10, "app == 'pg'", ingress: [Deny(Sel("app == 'web'"))]);

    [Fact]
    public void AddingAGlobalDeny_FlipsExactlyItsCell()
    {
        var result = PolicyWhatIf.Run(Engine(), [PolicyEdit.Upsert(DenyWebToPg)], [Tcp80]);

        var flip = Assert.Single(result.Flipped);
        Assert.Equal((ObjectKey.Parse("dev/web"), ObjectKey.Parse("db/pg"), true, false), (flip.From, flip.To, flip.AllowedBefore, flip.AllowedAfter));
        Assert.Empty(result.Problems);
        Assert.Single(result.After.Snapshot.CalicoGlobalNetworkPolicies);
    }

    [Fact]
    public void DeletingTheGlobalDeny_FlipsBack_AndAMissingOneIsAProblem()
    {
        var result = PolicyWhatIf.Run(Engine(DenyWebToPg),
            [PolicyEdit.Delete(CalicoPolicyKind.GlobalNetworkPolicy, ObjectKey.Cluster("deny-web")), PolicyEdit.Delete(CalicoPolicyKind.NetworkPolicy, ObjectKey.Parse("db/nope"))],
            [Tcp80]);

        var flip = Assert.Single(result.Flipped);
        Assert.Equal((ObjectKey.Parse("dev/web"), ObjectKey.Parse("db/pg"), false, true), (flip.From, flip.To, flip.AllowedBefore, flip.AllowedAfter));
        Assert.Equal("no Calico NetworkPolicy db/nope to delete", Assert.Single(result.Problems));
    }

    [Fact]
    public void ReplacingANamespacedCalicoPolicy_ByKey_FlipsToItsNewAction()
    {
        // A namespaced policy's rule selectors default to its own namespace: reach dev through namespaceSelector.
        var fromWeb = Sel("app == 'web'") with { NamespaceSelector = "all()" };
        var allow = Np("db", "pg-in", "security", 10, "app == 'pg'", ingress: [Allow(fromWeb)]);
        var deny = Np("db", "pg-in", "security", 10, "app == 'pg'", ingress: [Deny(fromWeb)]);

        var result = PolicyWhatIf.Run(Engine(allow), [PolicyEdit.Upsert(deny)], [Tcp80]);

        var flip = Assert.Single(result.Flipped);
        Assert.Equal((true, false), (flip.AllowedBefore, flip.AllowedAfter));
        Assert.Equal(CalicoRuleAction.Deny, Assert.Single(result.After.Snapshot.CalicoNetworkPolicies).Ingress[0].Action);
    }

    [Fact]
    public void Apply_ReplacesAndDeletesByKindAndKey()
    {
        var gnpNamedLikeNp = Gnp("pg-in", "security", 10, "app == 'pg'");
        var snapshot = Snapshot([.. Cluster, Np("db", "pg-in", "security", 10, "app == 'pg'"), gnpNamedLikeNp]);

        var edited = PolicyWhatIf.Apply(snapshot, [PolicyEdit.Delete(CalicoPolicyKind.NetworkPolicy, ObjectKey.Parse("db/pg-in")), PolicyEdit.Upsert(gnpNamedLikeNp with { Order = 20 })]);

        Assert.Empty(edited.CalicoNetworkPolicies);
        Assert.Equal(20, Assert.Single(edited.CalicoGlobalNetworkPolicies).Order);
    }

    [Theory]
    [InlineData("dev/x", null, null, "dev/x")]
    [InlineData("ClusterNetworkPolicy/block-db", "ClusterNetworkPolicy", null, "block-db")]
    [InlineData("BaselineAdminNetworkPolicy/default", "BaselineAdminNetworkPolicy", null, "default")]
    [InlineData("GlobalNetworkPolicy/deny-web", null, "GlobalNetworkPolicy", "deny-web")]
    [InlineData("CalicoNetworkPolicy/db/pg-in", null, "NetworkPolicy", "db/pg-in")]
    [InlineData("NetworkPolicy/dev/x", null, null, "dev/x")]
    public void DeleteKey_ParsesEveryKind(string text, string? clusterKind, string? calicoKind, string key)
    {
        var edit = PolicyDeleteKey.Parse(text, out var error);

        Assert.Null(error);
        Assert.NotNull(edit);
        Assert.True(edit.IsDelete);
        Assert.Equal(clusterKind, edit.ClusterKind?.ToString());
        Assert.Equal(calicoKind, edit.CalicoKind?.ToString());
        Assert.Equal(key, edit.Key.ToString());
    }

    [Theory]
    [InlineData("deny-all")]
    [InlineData("a/b/c")]
    [InlineData("dev/")]
    [InlineData("CalicoNetworkPolicy/x")]
    public void DeleteKey_Malformed_SaysWhatIsExpected(string text)
    {
        Assert.Null(PolicyDeleteKey.Parse(text, out var error));
        Assert.StartsWith("expected NAMESPACE/NAME or KIND/NAME", error);
    }
}
