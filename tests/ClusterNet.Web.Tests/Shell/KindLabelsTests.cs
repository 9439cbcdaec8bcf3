using ClusterNet.Core.Model;
using ClusterNet.Web.Shell;

namespace ClusterNet.Web.Tests.Shell;

public sealed class KindLabelsTests
{
    [Theory]
    [InlineData(ResourceKind.NetworkPolicies, "netpol")]
    [InlineData(ResourceKind.CalicoNetworkPolicies, "netpol.calico")]
    [InlineData(ResourceKind.CalicoGlobalNetworkPolicies, "gnp")]
    [InlineData(ResourceKind.CalicoTiers, "tier")]
    [InlineData(ResourceKind.CalicoNetworkSets, "netsets")]
    [InlineData(ResourceKind.CalicoGlobalNetworkSets, "globalnetsets")]
    [InlineData(ResourceKind.ServiceAccounts, "sa")]
    [InlineData(ResourceKind.ClusterNetworkPolicies, "cnp")]
    [InlineData(ResourceKind.AdminNetworkPolicies, "anp")]
    [InlineData(ResourceKind.BaselineAdminNetworkPolicies, "banp")]
    [InlineData(ResourceKind.Installations, "installation")]
    [InlineData(ResourceKind.Gateways, "gtw")]
    public void Short_PolicyAndGatewayKinds_KubectlStyleName(string kind, string expected) =>
        Assert.Equal(expected, KindLabels.Short(kind));

    [Fact]
    public void Short_EveryKind_DistinctLabels()
    {
        // Chips sit side by side: two kinds with one label could not be told apart.
        var labels = ResourceKind.All.Select(KindLabels.Short).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Fact]
    public void Short_UnknownKind_ReturnsKindUnchanged() => Assert.Equal("widgets", KindLabels.Short("widgets"));
}
