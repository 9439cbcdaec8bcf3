using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

public sealed class CalicoPolicyLinterTests
{
    private static readonly IClusterObject[] Cluster =
    [
        Ns("dev"),
        Pod("dev", "web", "10.0.1.1", labels: [("app", "web")]),
        Pod("dev", "db", "10.0.1.2", labels: [("app", "db")]),
    ];

    private static List<Core.Findings.Finding> Lint(params IClusterObject[] policies) =>
        [.. PolicyLinter.Lint(PolicyEngine.Build(Snapshot([.. Cluster, .. policies]))).Where(f => f.Code.StartsWith("calico-", StringComparison.Ordinal))];

    [Fact]
    public void Lint_ContradictorySelector_NeverMatches()
    {
        var f = Assert.Single(Lint(Gnp("x", order: 1, selector: "app == 'web' && app == 'db'", ingress: [Deny()])), f => f.Code == "calico-selector-never-matches");

        Assert.Equal(("GlobalNetworkPolicy x", "spec.selector"), (f.Subject, f.Field));
        Assert.Contains("app == 'web' and app == 'db' cannot both hold", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_RuleSelectorContradiction_NamesTheRuleField()
    {
        var findings = Lint(Gnp("x", order: 1, selector: "app == 'db'", ingress: [Allow(Sel("has(a) && !has(a)"))]));

        var f = Assert.Single(findings, f => f.Code == "calico-selector-never-matches" && f.Field == "spec.ingress[0].source.selector");
        Assert.StartsWith("ingress rule 1 `Allow` source selector \"has(a) && !has(a)\" can never match", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ingress[", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_GlobalSelectorOnPolicy_NeverMatchesAPod()
    {
        Assert.Contains(Lint(Gnp("hep", order: 1, selector: "global()", ingress: [Deny()])), f => f.Code == "calico-selector-never-matches");
    }

    [Fact]
    public void Lint_LabelNoPodCarries_NoPodFinding()
    {
        var f = Assert.Single(Lint(Gnp("x", order: 1, selector: "role == 'admin'", ingress: [Deny()])));

        Assert.Equal("calico-selector-no-pod", f.Code);
        Assert.Contains("no pod carries the label role", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_RuleAfterUnconditionalDeny_Unreachable()
    {
        var f = Assert.Single(Lint(Gnp("x", order: 1, selector: "app == 'db'", ingress: [Log(), Deny(), Allow(Sel("app == 'web'"))])));

        Assert.Equal(("calico-rule-unreachable", "spec.ingress[2]"), (f.Code, f.Field));
        Assert.Equal("GlobalNetworkPolicy x ingress rule 2 `Deny` matches every connection, so ingress rule 3 can never be reached.", f.Message);
        Assert.Equal(["ingress rule 3 `Allow`"], f.Evidence.ToArray());
    }

    [Fact]
    public void Lint_SeveralRulesAfterUnconditionalAllow_NamesTheRangeOneBased()
    {
        var f = Assert.Single(Lint(Np("dev", "x", order: 1, selector: "app == 'db'", egress: [Allow(), Deny(), Pass()])));

        Assert.Equal("NetworkPolicy dev/x egress rule 1 `Allow` matches every connection, so egress rules 2–3 can never be reached.", f.Message);
        Assert.Equal(["egress rule 2 `Deny`", "egress rule 3 `Pass`"], f.Evidence.ToArray());
    }

    [Fact]
    public void Lint_NetworkSetHoldingPodIps_Notice()
    {
        var set = new CalicoNetworkSetInfo { Kind = CalicoNetworkSetKind.GlobalNetworkSet, Name = "wide", Nets = ["192.0.2.0/24", "10.0.1.0/24"] };

        var f = Assert.Single(Lint(Gnp("x", order: 1, selector: "app == 'db'", ingress: [Allow(Sel("app == 'web'"))]), set));

        Assert.Equal(("calico-networkset-holds-pods", "GlobalNetworkSet wide", "spec.nets[1]"), (f.Code, f.Subject, f.Field));
        Assert.Contains("holds the IPs of 2 pods", f.Message, StringComparison.Ordinal);
        Assert.Contains("whatever their labels (the verdicts here include that", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("may differ", f.Message, StringComparison.Ordinal);
        Assert.Equal(["dev/db 10.0.1.2", "dev/web 10.0.1.1"], f.Evidence.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Lint_RuleWithDomainsAndSetWithAllowedEgressDomains_NotModelledNamesObjectAndField()
    {
        var rule = Allow(destination: new CalicoEntityRuleInfo { Selector = "role == 'saas'", Unmodelled = ["domains"] });
        var set = new CalicoNetworkSetInfo { Kind = CalicoNetworkSetKind.GlobalNetworkSet, Name = "saas", Labels = LabelMap.Of(("role", "saas")), AllowedEgressDomains = ["api.example.com"] };

        var found = Lint(Gnp("egress", order: 1, selector: "app == 'web'", egress: [Deny(Sel("app == 'db'")), rule]), set).Where(f => f.Code == "calico-field-not-modelled").ToList();

        Assert.Equal([("GlobalNetworkPolicy egress", "spec.egress[1].destination.domains"), ("GlobalNetworkSet saas", "spec.allowedEgressDomains")], found.Select(f => (f.Subject, f.Field)));
        Assert.Contains("egress rule 2 `Allow` uses destination.domains", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("(api.example.com) is Calico Enterprise and not modelled", found[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_HealthyPolicy_NoFinding()
    {
        Assert.Empty(Lint(
            Np("dev", "ok", order: 1, selector: "app == 'db'", ingress: [Allow(Sel("app == 'web'"), protocol: "TCP"), Deny()]),
            Gnp("g", order: 1, selector: "app in {'web', 'db'}", egress: [Allow(destination: Ports(53), protocol: "UDP")])));
    }
}
