using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

/// <summary>
/// Calico policy kinds read from manifests (projectcalico.org/v3 and crd.projectcalico.org/v1): every field the engine
/// uses, Calico's defaults, the group deciding between Calico's and Kubernetes' NetworkPolicy, and problems located by
/// line with their field; host-endpoint features and HostEndpoint reported as not modelled.
/// </summary>
public sealed class ManifestLoaderCalicoPolicyTests
{
    private const string Yaml = """
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: security}
        spec: {order: 100, defaultAction: Pass}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: security.deny-db}
        spec:
          tier: security
          order: 10.5
          selector: app == 'db'
          namespaceSelector: projectcalico.org/name in {'prod', 'dev'}
          serviceAccountSelector: has(team)
          types: [Ingress, Egress]
          applyOnForward: true
          doNotTrack: true
          ingress:
          - action: log
          - action: Deny
            protocol: TCP
            notProtocol: UDP
            source:
              selector: app == 'web'
              notSelector: debug == 'true'
              namespaceSelector: env == 'dev'
              serviceAccounts: {names: [web, api], selector: team == 'a'}
              nets: [10.0.0.0/8, 192.168.1.1]
              notNets: [10.1.0.0/16]
            destination:
              ports: [80, "8000:8100", http]
              notPorts: [8080]
          egress:
          - {action: Pass, destination: {nets: [0.0.0.0/0]}, http: {methods: [GET]}}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: NetworkPolicy
        metadata: {name: allow-web, namespace: shop}
        spec:
          selector: app == 'api'
          ingress:
          - {action: Allow, source: {selector: app == 'web', services: {name: web, namespace: shop}}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: k8s-np, namespace: shop}
        spec: {podSelector: {}}
        ---
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: node1-eth0}
        spec: {node: node1, interfaceName: eth0}
        """;

    [Fact]
    public void LoadText_CalicoKinds_EveryFieldRead()
    {
        var result = ManifestLoader.LoadText(Yaml, "calico.yaml");
        var snap = result.ToSnapshot(new SourceInfo("file", "calico.yaml"));

        var tier = snap.CalicoTiers.Get("", "security")!;
        Assert.Equal((100d, CalicoRuleAction.Pass), (tier.Order!.Value, tier.DefaultAction));

        var gnp = snap.CalicoGlobalNetworkPolicies.Get("", "security.deny-db")!;
        Assert.Equal(("security", 10.5, "app == 'db'"), (gnp.Tier, gnp.Order!.Value, gnp.Selector));
        Assert.Equal("projectcalico.org/name in {'prod', 'dev'}", gnp.NamespaceSelector);
        Assert.Equal("has(team)", gnp.ServiceAccountSelector);
        Assert.Equal(["Ingress", "Egress"], gnp.Types!.Value.ToArray());
        Assert.Equal(["applyOnForward", "doNotTrack"], gnp.HostEndpointFeatures.ToArray());
        Assert.Equal([CalicoRuleAction.Log, CalicoRuleAction.Deny], gnp.Ingress.Select(r => r.Action));
        var deny = gnp.Ingress[1];
        Assert.Equal(("TCP", "UDP"), (deny.Protocol, deny.NotProtocol));
        Assert.Equal(("app == 'web'", "debug == 'true'", "env == 'dev'"), (deny.Source.Selector, deny.Source.NotSelector, deny.Source.NamespaceSelector));
        Assert.Equal(["web", "api"], deny.Source.ServiceAccountNames.ToArray());
        Assert.Equal("team == 'a'", deny.Source.ServiceAccountSelector);
        Assert.Equal(["10.0.0.0/8", "192.168.1.1"], deny.Source.Nets.ToArray());
        Assert.Equal(["10.1.0.0/16"], deny.Source.NotNets.ToArray());
        Assert.Equal(["80", "8000:8100", "http"], deny.Destination.Ports.Select(p => p.ToString()));
        Assert.Equal(new CalicoPortInfo(8000, 8100), deny.Destination.Ports[1]);
        Assert.Equal(CalicoPortInfo.Named("http"), deny.Destination.Ports[2]);
        Assert.Equal(["8080"], deny.Destination.NotPorts.Select(p => p.ToString()));
        Assert.Equal(["http"], gnp.Egress[0].Unmodelled.ToArray());

        var np = snap.CalicoNetworkPolicies.Get("shop", "allow-web")!;
        Assert.Equal(CalicoPolicyKind.NetworkPolicy, np.Kind);
        Assert.Equal("default", np.Tier);
        Assert.Null(np.Order);
        Assert.Null(np.Types);
        Assert.Equal(["services"], np.Ingress[0].Source.Unmodelled.ToArray());

        // The group decides: the networking.k8s.io NetworkPolicy stays a Kubernetes one.
        Assert.NotNull(snap.NetworkPolicies.Get("shop", "k8s-np"));
        Assert.Single(snap.CalicoNetworkPolicies);
    }

    [Fact]
    public void LoadText_HostEndpointFeatures_ReportedAsNotModelled()
    {
        var result = ManifestLoader.LoadText(Yaml, "calico.yaml");

        Assert.Contains(result.Diagnostics, d => d.Object == "GlobalNetworkPolicy security.deny-db" && d.Field == "spec.applyOnForward" && d.Message.Contains("not model", StringComparison.Ordinal) && d.Line == 16);
        Assert.Contains(result.Diagnostics, d => d.Field == "spec.doNotTrack");
        Assert.Contains(result.Diagnostics, d => d.Field == "spec.egress[0].http" && d.Message.Contains("not modelled", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Field == "spec.ingress[0].source.services");
        Assert.Contains(result.Diagnostics, d => d.Object == "HostEndpoint node1-eth0" && d.Message.Contains("HostEndpoint is not modelled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("selector: app == 'db'", "selector: app = 'db'", "spec.selector", "at position 5")]
    [InlineData("- action: Deny", "- action: Reject", "spec.ingress[1].action", "not Allow, Deny, Pass or Log")]
    [InlineData("ports: [80, \"8000:8100\", http]", "ports: [80, \"9000:8100\", http]", "spec.ingress[1].destination.ports[1]", "not a port")]
    [InlineData("nets: [10.0.0.0/8, 192.168.1.1]", "nets: [10.0.0.0/33, 192.168.1.1]", "spec.ingress[1].source.nets[0]", "not a CIDR")]
    [InlineData("order: 10.5", "order: first", "spec.order", "expected a number")]
    public void LoadText_BadField_NamedWithObjectAndLine(string good, string bad, string field, string message)
    {
        var result = ManifestLoader.LoadText(Yaml.Replace(good, bad, StringComparison.Ordinal), "calico.yaml");
        var snap = result.ToSnapshot(new SourceInfo("file", "calico.yaml"));

        var d = Assert.Single(result.Diagnostics, d => d.Field == field);
        Assert.Equal("GlobalNetworkPolicy security.deny-db", d.Object);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.NotNull(d.Line);
        // The rest still loads.
        Assert.NotNull(snap.CalicoGlobalNetworkPolicies.Get("", "security.deny-db"));
        Assert.NotNull(snap.CalicoNetworkPolicies.Get("shop", "allow-web"));
    }
}
