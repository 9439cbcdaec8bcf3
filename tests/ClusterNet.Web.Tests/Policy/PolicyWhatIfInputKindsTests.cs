using ClusterNet.Core.Model;
using ClusterNet.Web.Api.Policy;

namespace ClusterNet.Web.Tests.Policy;

/// <summary>The REST/page what-if input takes Calico policies, Tiers and network sets in the YAML and every such kind in delete.</summary>
public sealed class PolicyWhatIfInputKindsTests
{
    private const string Gnp = """
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: deny-web}
        spec:
          selector: app == 'pg'
          ingress: [{action: Deny, source: {selector: app == 'web'}}]
        """;

    [Fact]
    public void CalicoGlobalNetworkPolicy_InYaml_BecomesAnUpsert()
    {
        var parsed = PolicyWhatIfInput.Parse(Gnp, null);

        Assert.Empty(parsed.Errors);
        var edit = Assert.Single(parsed.Edits);
        Assert.Equal(CalicoPolicyKind.GlobalNetworkPolicy, edit.CalicoKind);
        Assert.Equal("deny-web", edit.CalicoPolicy!.Name);
    }

    [Fact]
    public void CalicoTierAndNetworkSets_InYaml_BecomeUpserts()
    {
        var yaml = """
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: security}
            spec: {order: 100, defaultAction: Pass}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkSet
            metadata: {name: partners, namespace: dev, labels: {role: partner}}
            spec: {nets: [198.51.100.0/28]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: blocklist, labels: {role: blocked}}
            spec: {nets: [10.9.0.0/16]}
            """;

        var parsed = PolicyWhatIfInput.Parse(yaml, null);

        Assert.Empty(parsed.Errors);
        Assert.Equal(["Tier security", "NetworkSet dev/partners", "GlobalNetworkSet blocklist"], parsed.Edits.Select(e => e.Name));
        Assert.Equal(CalicoRuleAction.Pass, parsed.Edits[0].Tier!.DefaultAction);
        Assert.Equal(["198.51.100.0/28"], parsed.Edits[1].NetworkSet!.Nets.ToArray());
        Assert.True(parsed.Edits[2].NetworkSet!.IsGlobal);
    }

    [Fact]
    public void NonPolicyObjects_InYaml_ErrorListsThemWithTheirKindsAndWhatIsEditable()
    {
        var yaml = Gnp + """

            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: security}
            spec: {order: 100}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: x, namespace: dev}
            spec: {ports: [{port: 80}]}
            """;

        var parsed = PolicyWhatIfInput.Parse(yaml, null);

        var error = Assert.Single(parsed.Errors);
        Assert.Equal(PolicyWhatIfInput.EditableKinds + "; found other objects: services dev/x", error.Message);
        Assert.Contains("ClusterNetworkPolicy", error.Message, StringComparison.Ordinal);
        Assert.Contains("Calico NetworkPolicy, GlobalNetworkPolicy, Tier, NetworkSet or GlobalNetworkSet", error.Message, StringComparison.Ordinal);
        Assert.Equal(["GlobalNetworkPolicy deny-web", "Tier security"], parsed.Edits.Select(e => e.Name));
    }

    [Fact]
    public void Delete_TakesEveryKind_AndNamesWhatIsExpected()
    {
        var parsed = PolicyWhatIfInput.Parse(null, ["dev/x", "ClusterNetworkPolicy/block-db", "GlobalNetworkPolicy/deny-web", "CalicoNetworkPolicy/db/pg-in",
            "Tier/security", "GlobalNetworkSet/blocklist", "NetworkSet/dev/partners", "Nope/x"]);

        Assert.Equal(["dev/x", "ClusterNetworkPolicy block-db", "GlobalNetworkPolicy deny-web", "Calico NetworkPolicy db/pg-in",
            "Tier security", "GlobalNetworkSet blocklist", "NetworkSet dev/partners"], parsed.Edits.Select(e => e.Name));
        Assert.All(parsed.Edits, e => Assert.True(e.IsDelete));
        Assert.StartsWith("delete 'Nope/x': expected NAMESPACE/NAME or KIND/NAME", Assert.Single(parsed.Errors).Message);
    }
}
