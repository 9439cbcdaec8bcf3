using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using static ClusterNet.Core.Tests.ClientIp.Gateways.GatewayTestObjects;
using static ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.ClientIp.Gateways;

/// <summary>
/// Issue 17.3 for Gateway routes: the gateway pod → backend pod hop carries the policy engine's verdict with the
/// enforcement qualifier, and a policy that blocks the gateway's proxy pods from the backend is a risk.
/// </summary>
public sealed class GatewayHopPolicyVerdictTests
{
    private static ClientIpReport Report(string cni, params NetworkPolicyInfo[] policies)
    {
        var labels = EnvoyGatewayLabels("web", "gw");
        var appLabels = LabelMap.Of(("app", "app"));
        var objects = new List<IClusterObject>
        {
            new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = cni },
            new NamespaceInfo { Name = "web", Labels = LabelMap.Of(("kubernetes.io/metadata.name", "web")) },
            new NamespaceInfo { Name = "envoy-gateway-system", Labels = LabelMap.Of(("kubernetes.io/metadata.name", "envoy-gateway-system")) },
            Gateway("web", "gw", "cls"),
            Class("cls", GatewayImplementations.EnvoyGatewayController),
            Service("envoy-gateway-system", "gw-proxy", labels, policy: "Local", lbIp: "198.51.100.80"),
            Pod("envoy-gateway-system", "gw-proxy-1", labels, "10.244.2.5", "envoy"),
            HttpRoute("web", "app", Parent("gw", section: "http"), Backend("app")),
            Service("web", "app", appLabels, type: "ClusterIP"),
            Pod("web", "app-1", appLabels, "10.244.1.9"),
        };
        objects.AddRange(policies);
        return ClientIpAnalyzer.ForGateway(Snapshot([.. objects]), "web", "gw")!;
    }

    private static ClientIpHop PodHop(ClientIpReport report) => Assert.Single(report.Routes[0].Hops, h => h.Id == "pod");

    [Fact]
    public void DenyAllIngressOnCalico_GatewayHopDenied_ErrorRiskNamesTheGateway()
    {
        var report = Report("calico-node", NetPol("web", "deny-all-ingress", All, ingress: []));

        var policy = PodHop(report).Policy;
        Assert.NotNull(policy);
        Assert.Equal("denied", policy!.Verdict);
        Assert.Equal("envoy-gateway-system/gw-proxy-1", policy.From);
        Assert.Equal("web/app-1", policy.To);
        var risk = Assert.Single(report.Risks, r => r.Code == "policy-blocks-controller");
        Assert.Equal(Severity.Error, risk.Severity);
        Assert.Contains("Gateway web/gw", risk.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DenyAllIngressOnFlannel_QualifiedVerdict_Notice()
    {
        var report = Report("kube-flannel-ds", NetPol("web", "deny-all-ingress", All, ingress: []));

        Assert.Equal("denied · not enforced by this CNI (flannel)", PodHop(report).Policy!.Verdict);
        Assert.Equal(Severity.Notice, Assert.Single(report.Risks, r => r.Code == "policy-blocks-controller").Severity);
    }

    [Fact]
    public void PolicyAdmitsTheGatewayNamespace_AllowedNoRisk()
    {
        var allow = NetPol("web", "from-gateway", All, ingress: [From(Namespaces(NsName("envoy-gateway-system")))]);
        var report = Report("calico-node", NetPol("web", "deny-all-ingress", All, ingress: []), allow);

        Assert.Equal("allowed", PodHop(report).Policy!.Verdict);
        Assert.DoesNotContain(report.Risks, r => r.Code == "policy-blocks-controller");
    }
}
