using ClusterNet.Core.Model;
using ClusterNet.Web.Api.Policy;

namespace ClusterNet.Web.Tests.Policy;

/// <summary>The REST/page what-if input takes Calico policies in the YAML and every policy kind in delete.</summary>
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
        Assert.Equal(PolicyWhatIfInput.EditableKinds + "; found other objects: tiers security, services dev/x", error.Message);
        Assert.Contains("ClusterNetworkPolicy", error.Message, StringComparison.Ordinal);
        Assert.Contains("Calico NetworkPolicy or GlobalNetworkPolicy", error.Message, StringComparison.Ordinal);
        Assert.Equal("deny-web", Assert.Single(parsed.Edits).CalicoPolicy!.Name);
    }

    [Fact]
    public void Delete_TakesEveryKind_AndNamesWhatIsExpected()
    {
        var parsed = PolicyWhatIfInput.Parse(null, ["dev/x", "ClusterNetworkPolicy/block-db", "GlobalNetworkPolicy/deny-web", "CalicoNetworkPolicy/db/pg-in", "Nope/x"]);

        Assert.Equal(["dev/x", "ClusterNetworkPolicy block-db", "GlobalNetworkPolicy deny-web", "Calico NetworkPolicy db/pg-in"], parsed.Edits.Select(e => e.Name));
        Assert.StartsWith("delete 'Nope/x': expected NAMESPACE/NAME or KIND/NAME", Assert.Single(parsed.Errors).Message);
    }
}
