using ClusterNet.Core.Findings;
using ClusterNet.Core.ClientIp;

namespace ClusterNet.Core.Tests.ClientIp;

public sealed class IngressClientIpAnalyzerTests
{
    private const string Aws = "service.beta.kubernetes.io/aws-load-balancer-";
    private const string AliHttp = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port";

    // Controller Service policy × load balancer × ConfigMap → outcome for the app behind the Ingress, and a risk that must be there.
    public static TheoryData<string, string?, string[], string[], ClientIpOutcome, string?> Matrix() => new()
    {
        { "defaults behind Cluster", "Cluster", [], [], ClientIpOutcome.Lost, "ingress-behind-cluster-policy" },
        { "defaults behind Local", "Local", [], [], ClientIpOutcome.PreservedInHeader, null },
        { "forwarded headers from anyone, L4 Local", "Local", [], ["use-forwarded-headers=true"], ClientIpOutcome.PreservedInHeader, "forgeable-x-forwarded-for" },
        { "enable-real-ip from anyone, L4 Cluster", "Cluster", [], ["enable-real-ip=true"], ClientIpOutcome.Lost, "forgeable-x-forwarded-for" },
        { "AWS classic TCP", "Local", [Aws + "internal=true"], [], ClientIpOutcome.Lost, "lb-replaces-source" },
        { "AWS PROXY protocol both ends", "Cluster", [Aws + "proxy-protocol=*"], ["use-proxy-protocol=true"], ClientIpOutcome.PreservedInHeader, null },
        { "AWS PROXY protocol, controller not told", "Local", [Aws + "proxy-protocol=*"], [], ClientIpOutcome.Broken, "proxy-protocol-mismatch" },
        { "controller expects PROXY, GCP sends none", "Local", ["networking.gke.io/load-balancer-type=Internal"], ["use-proxy-protocol=true"], ClientIpOutcome.Broken, "proxy-protocol-mismatch" },
        { "Alibaba HTTP listener, defaults", "Local", [AliHttp + "=http:80"], [], ClientIpOutcome.Lost, "lb-header-ignored" },
        { "Alibaba HTTP listener, trusted SLB range", "Local", [AliHttp + "=http:80"], ["use-forwarded-headers=true", "proxy-real-ip-cidr=100.64.0.0/10"], ClientIpOutcome.PreservedInHeader, null },
        { "Alibaba HTTP listener, trust all", "Local", [AliHttp + "=http:80"], ["use-forwarded-headers=true"], ClientIpOutcome.PreservedInHeader, "forgeable-x-forwarded-for" },
        { "Alibaba HTTP listener, Cluster, nodes not trusted", "Cluster", [AliHttp + "=http:80"], ["use-forwarded-headers=true", "proxy-real-ip-cidr=100.64.0.0/10"], ClientIpOutcome.Lost, "lb-header-ignored" },
        { "Alibaba HTTP listener, Cluster, nodes trusted", "Cluster", [AliHttp + "=http:80"], ["use-forwarded-headers=true", "proxy-real-ip-cidr=100.64.0.0/10,10.0.0.0/24"], ClientIpOutcome.PreservedInHeader, null },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Analyze_ControllerPolicyLbAndConfigMap_Outcome(string name, string? policy, string[] annotations, string[] configMap, ClientIpOutcome expected, string? riskId)
    {
        var cluster = new TestCluster();
        cluster.IngressNginx("LoadBalancer", policy, Pairs(annotations), configMap.Length == 0 ? null : Pairs(configMap));
        cluster.Service("shop", "web", "NodePort", "Cluster", ["node-3"]);
        var ingress = cluster.Ingress("shop", "web", "web");
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, ingress);
        Assert.True(expected == report.Outcome, $"{name}: {report.Outcome}: {report.Verdict}\n{string.Join("\n", report.Routes[0].Notes)}");
        if (riskId is not null)
        {
            Assert.Contains(report.Risks, r => r.Code == riskId);
        }

        Assert.Equal(["client", "lb", "node"], report.Routes[0].Hops.Take(3).Select(h => h.Id));
        Assert.Equal("pod", report.Routes[0].Hops[^1].Id);
        Assert.Equal("ingress", report.Routes[0].Hops[^2].Id);
    }

    [Fact]
    public void Analyze_ForgeableHeader_RiskCarriesDecoderDemonstration()
    {
        var cluster = new TestCluster();
        cluster.IngressNginx("LoadBalancer", "Local", null, [("use-forwarded-headers", "true")]);
        cluster.Service("shop", "web", "ClusterIP", null, ["node-3"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web"));
        var risk = Assert.Single(report.Risks, r => r.Code == "forgeable-x-forwarded-for");
        Assert.Equal(Severity.Error, risk.Severity);
        Assert.Contains(risk.Evidence, e => e.EndsWith("$remote_addr = 6.6.6.6", StringComparison.Ordinal));
        Assert.StartsWith("Forgeable", report.Verdict, StringComparison.Ordinal);
        Assert.Contains(report.Fixes, f => f.Id == "disable-forwarded-headers" && f.Patch.Contains("use-forwarded-headers: \"false\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_PreservedInHeader_AppFixesTrustThePodNetworkNotOneNodesPodCidr()
    {
        var cluster = new TestCluster();
        cluster.IngressNginx("LoadBalancer", "Local", podNodes: ["node-1", "node-2"]);
        cluster.Service("shop", "web", "ClusterIP", null, ["node-3"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web"));
        var csharp = Assert.Single(report.Fixes, f => f.Id == "app-aspnet-forwarded-headers");
        Assert.Equal("csharp", csharp.Language);
        // No cluster-wide setting in this snapshot: the smallest range over every node's podCIDR, marked as assumed (#17.6).
        Assert.Contains("IPNetwork.Parse(\"10.244.0.0/22\")", csharp.Patch, StringComparison.Ordinal);
        Assert.DoesNotContain("10.244.1.0/24", csharp.Patch, StringComparison.Ordinal);
        Assert.Contains(csharp.TradeOffs, t => t.StartsWith("Pod network assumed", StringComparison.Ordinal));
        Assert.Contains("set_real_ip_from 10.244.0.0/22;", Assert.Single(report.Fixes, f => f.Id == "app-nginx-realip").Patch, StringComparison.Ordinal);
        var app = report.Routes[0].App;
        Assert.Equal(ClientIpPeer.IngressController, app.SocketIs);
        Assert.Contains("10.244.1.10", app.SocketRemoteAddress, StringComparison.Ordinal);
        Assert.Equal("<client>", app.Headers.Single(h => h.Name == "X-Forwarded-For").Value);
    }

    [Fact]
    public void Analyze_ComputeFullForwardedFor_ChainInHeaderView()
    {
        var cluster = new TestCluster();
        cluster.IngressNginx("LoadBalancer", "Local", [(AliHttp, "http:80")], [("use-forwarded-headers", "true"), ("compute-full-forwarded-for", "true"), ("proxy-real-ip-cidr", "100.64.0.0/10")]);
        cluster.Service("shop", "web", "ClusterIP", null, ["node-3"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web"));
        Assert.Contains("<incoming X-Forwarded-For>", report.Routes[0].App.Headers.Single(h => h.Name == "X-Forwarded-For").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_HostNetworkControllerWithoutService_ClientReachesNodeDirectly()
    {
        var cluster = new TestCluster();
        cluster.IngressNginx(hostNetwork: true, withService: false, podNodes: ["node-1"]);
        cluster.Service("shop", "web", "ClusterIP", null, ["node-2"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web"));
        Assert.Equal(ClientIpOutcome.PreservedInHeader, report.Outcome);
        Assert.Contains(report.Risks, r => r.Code == "hostnetwork-controller");
        Assert.Contains("hostNetwork", report.Routes[0].App.SocketRemoteAddress, StringComparison.Ordinal);
        Assert.Contains("10.0.0.11/32", report.Fixes.Single(f => f.Id == "app-aspnet-forwarded-headers").Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ControllerMissing_UnknownWithNote()
    {
        var cluster = new TestCluster();
        cluster.Add(new ClusterNet.Core.Model.IngressClassInfo("nginx", "k8s.io/ingress-nginx", true));
        cluster.Service("shop", "web", "ClusterIP", null, ["node-2"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web"));
        Assert.Equal(ClientIpOutcome.Unknown, report.Outcome);
    }

    [Fact]
    public void Analyze_AwsAlbIngress_HeaderFromLoadBalancer()
    {
        var cluster = new TestCluster();
        cluster.Add(new ClusterNet.Core.Model.IngressClassInfo("alb", "ingress.k8s.aws/alb", false));
        cluster.Service("shop", "web", "NodePort", null, ["node-2"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web", "alb", [("alb.ingress.kubernetes.io/target-type", "ip")]));
        Assert.Equal(ClientIpOutcome.PreservedInHeader, report.Outcome);
        Assert.Equal(["client", "lb", "pod"], report.Routes[0].Hops.Select(h => h.Id));
    }

    [Fact]
    public void Analyze_ControllerService_ReportsControllerView()
    {
        var cluster = new TestCluster();
        cluster.IngressNginx("LoadBalancer", "Cluster");
        var svc = cluster.Snapshot.Services.Get("ingress-nginx", "ingress-nginx-controller")!;
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Equal(ClientIpOutcome.Lost, report.Outcome);
        Assert.Equal(Severity.Error, report.Risks.Single(r => r.Code == "ingress-behind-cluster-policy").Severity);
        Assert.Contains(report.Notes, n => n.Contains("fronts the ingress-nginx controller", StringComparison.Ordinal));
        Assert.Equal(ClientIpHopKind.IngressController, report.Routes[0].Hops[^1].Kind);
    }

    [Theory]
    [InlineData("yes", false, "not a boolean")]
    [InlineData("True", true, null)]
    [InlineData("1", true, null)]
    public void Settings_BooleanParsing_LikeGo(string value, bool expected, string? problem)
    {
        var s = IngressNginxSettings.From(new ClusterNet.Core.Model.ConfigMapInfo
        {
            Namespace = "ingress-nginx",
            Name = "ingress-nginx-controller",
            Data = ClusterNet.Core.Model.LabelMap.Of(("use-forwarded-headers", value)),
        });
        Assert.Equal(expected, s.UseForwardedHeaders);
        if (problem is null)
        {
            Assert.Empty(s.Problems);
        }
        else
        {
            Assert.Contains(s.Problems, p => p.Contains(problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Overview_ListsExposedServicesAndIngressBackends()
    {
        var cluster = new TestCluster();
        cluster.IngressNginx("LoadBalancer", "Local");
        cluster.Service("shop", "web", "ClusterIP", null, ["node-2"]);
        cluster.Service("shop", "api", "NodePort", null, ["node-2"]);
        cluster.Service("shop", "internal", "ClusterIP", null, ["node-2"]);
        cluster.Ingress("shop", "web", "web");
        var rows = ClientIpAnalyzer.Overview(cluster.Snapshot);
        Assert.Equal(["ingress-nginx/ingress-nginx-controller", "shop/api", "shop/web"], rows.Select(r => $"{r.Namespace}/{r.Name}"));
        Assert.Equal(ClientIpOutcome.Preserved, rows[0].Outcome);
        Assert.Equal(ClientIpOutcome.Lost, rows[1].Outcome);
        Assert.Equal("Ingress web", rows[2].ExposedVia);
        Assert.Equal(ClientIpOutcome.PreservedInHeader, rows[2].Outcome);
    }

    private static IEnumerable<(string, string)> Pairs(string[] items) => items.Select(a => (a[..a.IndexOf('=')], a[(a.IndexOf('=') + 1)..]));
}
