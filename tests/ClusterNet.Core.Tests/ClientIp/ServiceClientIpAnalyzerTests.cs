using ClusterNet.Core.Findings;
using ClusterNet.Core.ClientIp;

namespace ClusterNet.Core.Tests.ClientIp;

public sealed class ServiceClientIpAnalyzerTests
{
    private static readonly string[] Both = ["node-1", "node-2"];

    // Service type × externalTrafficPolicy × load balancer kind → outcome of the outside route.
    public static TheoryData<string, string, string?, string[], ClientIpOutcome> Matrix()
    {
        var data = new TheoryData<string, string, string?, string[], ClientIpOutcome>();
        var lbKinds = new (string Name, string[] Annotations, ClientIpOutcome Cluster, ClientIpOutcome Local)[]
        {
            ("unknown", [], ClientIpOutcome.Lost, ClientIpOutcome.Preserved),
            ("gcp", ["networking.gke.io/load-balancer-type=Internal"], ClientIpOutcome.Lost, ClientIpOutcome.Preserved),
            ("azure", ["service.beta.kubernetes.io/azure-load-balancer-internal=true"], ClientIpOutcome.Lost, ClientIpOutcome.Preserved),
            ("metallb", ["metallb.universe.tf/address-pool=public"], ClientIpOutcome.Lost, ClientIpOutcome.Preserved),
            ("aws classic tcp", ["service.beta.kubernetes.io/aws-load-balancer-internal=true"], ClientIpOutcome.Lost, ClientIpOutcome.Lost),
            ("aws classic http", ["service.beta.kubernetes.io/aws-load-balancer-backend-protocol=http"], ClientIpOutcome.PreservedInHeader, ClientIpOutcome.PreservedInHeader),
            ("aws classic proxy protocol", ["service.beta.kubernetes.io/aws-load-balancer-proxy-protocol=*"], ClientIpOutcome.PreservedInHeader, ClientIpOutcome.PreservedInHeader),
            ("aws nlb instance", ["service.beta.kubernetes.io/aws-load-balancer-type=nlb"], ClientIpOutcome.Lost, ClientIpOutcome.Preserved),
            ("aws nlb ip", ["service.beta.kubernetes.io/aws-load-balancer-type=external", "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type=ip"], ClientIpOutcome.Lost, ClientIpOutcome.Lost),
            ("aws nlb ip preserve", ["service.beta.kubernetes.io/aws-load-balancer-type=external", "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type=ip", "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes=preserve_client_ip.enabled=true"], ClientIpOutcome.Preserved, ClientIpOutcome.Preserved),
            ("alibaba clb tcp", ["service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type=intranet"], ClientIpOutcome.Lost, ClientIpOutcome.Preserved),
            ("alibaba clb http", ["service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port=http:80"], ClientIpOutcome.PreservedInHeader, ClientIpOutcome.PreservedInHeader),
            ("alicloud legacy http", ["service.beta.kubernetes.io/alicloud-loadbalancer-protocol-port=https:443,http:80"], ClientIpOutcome.PreservedInHeader, ClientIpOutcome.PreservedInHeader),
        };
        foreach (var (name, annotations, cluster, local) in lbKinds)
        {
            data.Add("LoadBalancer", "Cluster", name, annotations, cluster);
            data.Add("LoadBalancer", "Local", name, annotations, local);
        }

        data.Add("NodePort", "Cluster", null, [], ClientIpOutcome.Lost);
        data.Add("NodePort", "Local", null, [], ClientIpOutcome.Preserved);
        data.Add("ClusterIP", "Cluster", null, [], ClientIpOutcome.Preserved);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Analyze_TypePolicyLoadBalancer_Outcome(string type, string policy, string? lbKind, string[] annotations, ClientIpOutcome expected)
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", type, policy, Both, annotations.Select(a => (a[..a.IndexOf('=')], a[(a.IndexOf('=') + 1)..])),
            lbClass: null, healthCheckNodePort: policy == "Local" ? 31000 : null);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.True(expected == report.Outcome, $"{type}/{policy}/{lbKind}: {report.Outcome}: {report.Verdict}");
        Assert.StartsWith(expected switch
        {
            ClientIpOutcome.Preserved => "Preserved",
            ClientIpOutcome.Lost => "Lost",
            _ => "In ",
        }, report.Verdict, StringComparison.Ordinal);
        Assert.Equal("in-cluster", report.Routes[^1].Id);
    }

    [Fact]
    public void Analyze_ClusterPolicy_NodeHopSnatsAndSecondNodeConditional()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", "NodePort", null, ["node-2"]);
        var route = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc).Routes[0];
        Assert.Equal(["client", "node", "other-node", "pod"], route.Hops.Select(h => h.Id));
        Assert.True(route.Hops[1].Snat);
        Assert.Contains("even when the endpoint runs here", route.Hops[1].SnatReason, StringComparison.Ordinal);
        Assert.True(route.Hops[2].Conditional);
        Assert.Equal(ClientIpPeer.Node, route.App.SocketIs);
    }

    [Fact]
    public void Analyze_ClusterPolicyL4_RiskAndLocalFixWithPatch()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", "LoadBalancer", null, Both);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        var risk = Assert.Single(report.Risks, r => r.Code == "cluster-policy-snat");
        Assert.Contains(risk.Evidence, e => e.Contains("Cluster (default)", StringComparison.Ordinal));
        var fix = Assert.Single(report.Fixes, f => f.Id == "external-traffic-policy-local");
        Assert.Contains("externalTrafficPolicy: Local", fix.Patch, StringComparison.Ordinal);
        Assert.Contains("name: web", fix.Patch, StringComparison.Ordinal);
        Assert.Equal("kubectl -n shop patch service web --type merge -p '{\"spec\":{\"externalTrafficPolicy\":\"Local\"}}'", fix.Command);
        Assert.NotEmpty(fix.TradeOffs);
    }

    [Fact]
    public void Analyze_LocalLoadBalancerWithNodesLackingEndpoints_UnevenLoadRisk()
    {
        var cluster = new TestCluster();
        cluster.Add(new ClusterNet.Core.Model.WorkloadInfo
        {
            Kind = "Deployment",
            Namespace = "shop",
            Name = "web",
            TemplateLabels = ClusterNet.Core.Model.LabelMap.Of(("app", "web")),
        });
        var svc = cluster.Service("shop", "web", "LoadBalancer", "Local", ["node-1", "node-1"], healthCheckNodePort: 31000);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Equal(ClientIpOutcome.Preserved, report.Outcome);
        var risk = Assert.Single(report.Risks, r => r.Code == "local-nodes-without-endpoints");
        Assert.Equal(Severity.Warning, risk.Severity);
        Assert.Contains("31000", risk.Detail, StringComparison.Ordinal);
        Assert.Contains(risk.Evidence, e => e.Contains("node-1 (2)", StringComparison.Ordinal));
        Assert.Contains(risk.Evidence, e => e.Contains("node-2, node-3", StringComparison.Ordinal));
        var fix = Assert.Single(report.Fixes, f => f.Id == "spread-endpoints");
        Assert.Contains("topologySpreadConstraints", fix.Patch, StringComparison.Ordinal);
        Assert.Contains("kubectl -n shop patch deployment web", fix.Command, StringComparison.Ordinal);
        Assert.Contains("31000", report.Routes[0].Hops.Single(h => h.Id == "lb").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_LocalNodePortWithNodesLackingEndpoints_HighRiskDropped()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", "NodePort", "Local", ["node-3"]);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        var risk = Assert.Single(report.Risks, r => r.Code == "local-nodes-without-endpoints");
        Assert.Equal(Severity.Error, risk.Severity);
        Assert.Contains("node-1, node-2", risk.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_LocalWithNoReadyEndpoints_HighRisk()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", "LoadBalancer", "Local", []);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Equal(Severity.Error, Assert.Single(report.Risks, r => r.Code == "local-no-endpoints").Severity);
    }

    [Fact]
    public void Analyze_NodeExcludedFromLoadBalancers_NotCountedAsMissingEndpoint()
    {
        var cluster = new TestCluster(nodes: 2);
        cluster.Add(new ClusterNet.Core.Model.NodeInfo
        {
            Name = "cp-1",
            Ready = true,
            Labels = ClusterNet.Core.Model.LabelMap.Of((EndpointPlacement.ExcludeFromLbLabel, "")),
            Addresses = [new ClusterNet.Core.Model.NodeAddress("InternalIP", "10.0.0.5")],
        });
        var svc = cluster.Service("shop", "web", "LoadBalancer", "Local", ["node-1", "node-2"]);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.DoesNotContain(report.Risks, r => r.Code == "local-nodes-without-endpoints");
    }

    [Fact]
    public void Analyze_AwsClassicTcp_LbReplacesSourceWithNlbAndProxyProtocolFixes()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", "LoadBalancer", "Local", Both, [("service.beta.kubernetes.io/aws-load-balancer-internal", "true")]);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Equal(ClientIpOutcome.Lost, report.Outcome);
        Assert.Contains("connects from its own address", report.Verdict, StringComparison.Ordinal);
        Assert.Contains(report.Risks, r => r.Code == "lb-replaces-source");
        Assert.Contains(report.Fixes, f => f.Id == "aws-nlb" && f.Patch.Contains("service.beta.kubernetes.io/aws-load-balancer-type: \"nlb\"", StringComparison.Ordinal));
        Assert.Contains(report.Fixes, f => f.Id == "proxy-protocol" && f.Patch.Contains("aws-load-balancer-proxy-protocol: \"*\"", StringComparison.Ordinal));
        Assert.Equal(ClientIpPeer.LoadBalancer, report.Routes[0].App.SocketIs);
        Assert.True(report.Routes[0].Hops.Single(h => h.Id == "lb").Snat);
    }

    [Fact]
    public void Analyze_NlbIpTargets_BypassesNodesAndPolicy()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", "LoadBalancer", "Cluster", Both,
            [("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip"), ("service.beta.kubernetes.io/aws-load-balancer-target-group-attributes", "preserve_client_ip.enabled=true")],
            lbClass: "service.k8s.aws/nlb");
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Equal(ClientIpOutcome.Preserved, report.Outcome);
        Assert.Equal(["client", "lb", "pod"], report.Routes[0].Hops.Select(h => h.Id));
        Assert.DoesNotContain(report.Routes, r => r.Id == "nodeport");
        Assert.DoesNotContain(report.Risks, r => r.Code == "cluster-policy-snat");
    }

    [Fact]
    public void Analyze_L7LoadBalancer_HeaderViewAndForgeryNote()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", "LoadBalancer", "Cluster", Both, [("service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port", "http:80")]);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        var app = report.Routes[0].App;
        Assert.Equal("X-Forwarded-For", Assert.Single(app.Headers).Name);
        Assert.Contains("the node addresses", app.ClientIpFrom, StringComparison.Ordinal);
        Assert.Contains(report.Risks, r => r.Code == "xff-left-entries-forgeable");
        Assert.Contains(report.Routes[0].Hops.Single(h => h.Id == "lb").AddsHeaders, h => h.StartsWith("X-Forwarded-For", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_ExternalName_NotApplicable()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "payments", "ExternalName", externalName: "pay.example.net");
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Equal(ClientIpOutcome.NotApplicable, report.Outcome);
        Assert.Contains("pay.example.net", report.Verdict, StringComparison.Ordinal);
        Assert.Single(report.Routes);
    }

    [Fact]
    public void Analyze_InternalTrafficPolicyLocal_RiskWhenNodesLackEndpoints()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "cache", "ClusterIP", internalPolicy: "Local", endpointNodes: ["node-1"]);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Contains(report.Risks, r => r.Code == "internal-local-nodes-without-endpoints");
        Assert.Contains(report.Fixes, f => f.Id == "internal-traffic-policy-cluster");
        Assert.Contains("internalTrafficPolicy Local", report.Routes[0].Hops[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_Inputs_NameEveryDecidingField()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", "LoadBalancer", "Local", ["node-1"], [("service.beta.kubernetes.io/aws-load-balancer-type", "nlb")], healthCheckNodePort: 31000);
        var fields = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc).Inputs.Select(i => i.Field).ToList();
        Assert.Contains("externalTrafficPolicy", fields);
        Assert.Contains("internalTrafficPolicy", fields);
        Assert.Contains("healthCheckNodePort", fields);
        Assert.Contains("load balancer", fields);
        Assert.Contains("annotation", fields);
        Assert.Contains("nodes with ready endpoints", fields);
    }
}
