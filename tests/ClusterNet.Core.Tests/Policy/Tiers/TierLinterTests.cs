using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Np;
using static ClusterNet.Core.Tests.Policy.Tiers.Cnp;

namespace ClusterNet.Core.Tests.Policy.Tiers;

public sealed class TierLinterTests
{
    private static readonly string[] Pods = ["x/a", "x/b", "y/a", "z/a"];

    private static List<Finding> Lint(NetworkPolicyInfo[] policies, params ClusterPolicyInfo[] cluster) =>
        [.. PolicyLinter.Lint(PolicyEngine.Build(Snapshot(Pods, policies, cluster))).Where(f => f.Code.StartsWith("tier-", StringComparison.Ordinal))];

    [Fact]
    public void PriorityTie_WithOverlappingSubjects_Warns()
    {
        var f = Assert.Single(Lint([], Admin("a", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]), Admin("b", 10, SubjectPods("x", "a"), ingress: [Accept(Ns("y"))])));
        Assert.Equal("tier-priority-tie", f.Code);
        Assert.Contains("share priority 10", f.Message);
        Assert.Equal("spec.priority", f.Field);
    }

    [Fact]
    public void PriorityTie_DisjointSubjects_IsFine()
    {
        Assert.Empty(Lint([], Admin("a", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]), Admin("b", 10, SubjectNs("z"), ingress: [Accept(Ns("y"))])));
    }

    [Fact]
    public void Pass_WithNothingBelow_Warns_ButNotWhenANetworkPolicyJudges()
    {
        var pass = Admin("pass", 10, SubjectNs("x"), ingress: [Pass(Ns("y"))]);
        var f = Assert.Single(Lint([], pass));
        Assert.Equal("tier-pass-nothing-below", f.Code);
        Assert.Contains("allowed by default", f.Message);
        Assert.Empty(Lint([NetPol("x", "deny-all", All, ingress: [])], pass));
        Assert.Empty(Lint([], pass, Baseline("base", 1, SubjectNs("x"), ingress: [Deny(Ns("y"))])));
        Assert.Equal("tier-pass-nothing-below", Assert.Single(Lint([], Baseline("base", 1, SubjectNs("x"), ingress: [Pass(Ns("y"))]))).Code);
    }

    [Fact]
    public void TooManyRulesAndCidrs_AreErrors()
    {
        var rules = Enumerable.Range(0, 26).Select(_ => Deny(Ns("y"))).ToArray();
        var many = Admin("many", 10, SubjectNs("z"), ingress: rules);
        Assert.Contains(Lint([], many), f => f.Code == "tier-too-many-rules" && f.Severity == Severity.Error && f.Field == "spec.ingress");
        // v1alpha1 allows 100 rules.
        Assert.DoesNotContain(Lint([], Anp("many", 10, SubjectNs("z"), ingress: rules)), f => f.Code == "tier-too-many-rules");
        var cidrs = Enumerable.Range(0, 26).Select(i => $"192.168.{i}.0/24").ToArray();
        var wide = Admin("wide", 10, SubjectNs("z"), egress: [Deny(Networks(cidrs))]);
        Assert.Contains(Lint([], wide), f => f.Code == "tier-too-many-cidrs" && f.Field == "spec.egress[0].to[0].networks");
    }

    [Fact]
    public void RuleShadowedWithinPolicy_Warns()
    {
        var p = Admin("gress", 10, SubjectNs("z"), ingress: [Accept(Ns("x")), Deny(Pod("x", "a"))]);
        var f = Assert.Single(Lint([], p));
        Assert.Equal(("tier-rule-shadowed", "spec.ingress[1]"), (f.Code, f.Field));
        Assert.Contains("ingress rule 1 `Accept`", f.Message);
    }

    [Fact]
    public void NetworkPolicyRule_ShadowedByAdminTier_Warns()
    {
        var admin = Admin("deny-y", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        var np = NetPol("x", "allow-y", All, ingress: [From(Namespaces(Sel(("ns", "y")))), From(Namespaces(Sel(("ns", "z"))))]);
        var f = Assert.Single(Lint([np], admin));
        Assert.Equal(("tier-rule-shadowed", "NetworkPolicy x/allow-y", "spec.ingress[0]"), (f.Code, f.Subject, f.Field));
    }

    [Fact]
    public void BaselineRules_ForPodsNetworkPolicyIsolates_NeverApply()
    {
        var baseline = Baseline("base", 1, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        var f = Assert.Single(Lint([NetPol("x", "deny-all", All, ingress: [])], baseline));
        Assert.Equal(("tier-rule-shadowed", "spec.ingress"), (f.Code, f.Field));
        Assert.Empty(Lint([NetPol("x", "a-only", Sel(("pod", "a")), ingress: [])], baseline));
    }
}
