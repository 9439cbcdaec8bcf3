using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy.Tiers;

/// <summary>Which CNI enforces which kind, shown next to verdicts when a kind present is not (surely) enforced.</summary>
public sealed class TierEnforcementTests
{
    [Theory]
    [InlineData("calico", "ClusterNetworkPolicy", EnforcementState.Unknown, "recent calico versions")]
    [InlineData("canal", "AdminNetworkPolicy", EnforcementState.Unknown, "recent canal versions")]
    [InlineData("cilium", "ClusterNetworkPolicy", EnforcementState.Unknown, "feature flag")]
    [InlineData("cilium", "AdminNetworkPolicy", EnforcementState.NotEnforced, "not enforced by this CNI (cilium")]
    [InlineData("flannel", "ClusterNetworkPolicy", EnforcementState.NotEnforced, "not enforced by this CNI (flannel)")]
    [InlineData("calico", "NetworkPolicy", EnforcementState.Enforced, "enforced by calico")]
    public void KindSupport_PerCni(string cni, string kind, EnforcementState state, string text)
    {
        var s = PolicyKindSupport.Of(cni, kind);
        Assert.Equal(state, s.State);
        Assert.Contains(text, s.Text);
    }

    [Fact]
    public void Qualifier_NamesTheTieredKindTheCniMayNotEnforce()
    {
        var cilium = new PolicyEnforcement("cilium", true, []) { TieredKinds = ["ClusterNetworkPolicy"] };
        Assert.Contains("ClusterNetworkPolicy enforced by cilium only with its ClusterNetworkPolicy feature flag on (assumed", cilium.Qualifier);
        Assert.Null(new PolicyEnforcement("cilium", true, []).Qualifier);
        Assert.Equal(["NetworkPolicy", "ClusterNetworkPolicy"], cilium.KindSupport.Select(k => k.Kind));
        // flannel: the one qualifier already says nothing is enforced.
        Assert.Equal("not enforced by this CNI (flannel)", new PolicyEnforcement("flannel", false, []) { TieredKinds = ["ClusterNetworkPolicy"] }.Qualifier);
    }
}
