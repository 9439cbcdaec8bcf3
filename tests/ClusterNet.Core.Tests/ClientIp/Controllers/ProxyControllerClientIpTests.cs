using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Tests.ClientIp.Controllers;

/// <summary>
/// Traefik, HAProxy Ingress, haproxytech and Contour: controller × Service policy × load balancer × trust setting →
/// outcome, the client's X-Forwarded-For position for the app, and the risk that must be raised.
/// </summary>
public sealed class ProxyControllerClientIpTests
{
    private const string AwsPp = "service.beta.kubernetes.io/aws-load-balancer-proxy-protocol";
    private const string AliHttp = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port";

    public static TheoryData<string, IngressControllerKind, string, string[], string[], string[], ClientIpOutcome, string?> Matrix() => new()
    {
        // name, controller, policy, service annotations, configmap k=v, extra args, outcome, risk
        { "traefik defaults, Local", IngressControllerKind.Traefik, "Local", [], [], [], ClientIpOutcome.PreservedInHeader, null },
        { "traefik defaults, Cluster", IngressControllerKind.Traefik, "Cluster", [], [], [], ClientIpOutcome.Lost, "ingress-behind-cluster-policy" },
        { "traefik insecure, Local", IngressControllerKind.Traefik, "Local", [], [], ["--entryPoints.web.forwardedHeaders.insecure"], ClientIpOutcome.PreservedInHeader, "forgeable-x-forwarded-for" },
        { "traefik behind L7 LB, untrusted", IngressControllerKind.Traefik, "Local", [AliHttp + "=http:80"], [], [], ClientIpOutcome.Lost, "lb-header-ignored" },
        { "traefik behind L7 LB, trusted", IngressControllerKind.Traefik, "Local", [AliHttp + "=http:80"], [], ["--entryPoints.web.forwardedHeaders.trustedIPs=100.64.0.0/10"], ClientIpOutcome.PreservedInHeader, null },
        { "traefik, LB sends PROXY, not enabled", IngressControllerKind.Traefik, "Local", [AwsPp + "=*"], [], [], ClientIpOutcome.Broken, "proxy-protocol-mismatch" },
        { "traefik, PROXY both ends", IngressControllerKind.Traefik, "Cluster", [AwsPp + "=*"], [], ["--entryPoints.web.proxyProtocol.trustedIPs=10.0.0.0/24"], ClientIpOutcome.PreservedInHeader, null },
        { "haproxy-ingress defaults, Local", IngressControllerKind.HaproxyIngress, "Local", [], [], [], ClientIpOutcome.PreservedInHeader, null },
        { "haproxy-ingress defaults, Cluster", IngressControllerKind.HaproxyIngress, "Cluster", [], [], [], ClientIpOutcome.Lost, "ingress-behind-cluster-policy" },
        { "haproxy-ingress add behind L7 LB", IngressControllerKind.HaproxyIngress, "Local", [AliHttp + "=http:80"], ["forwardfor=add"], [], ClientIpOutcome.Lost, "lb-header-ignored" },
        { "haproxy-ingress update behind L7 LB", IngressControllerKind.HaproxyIngress, "Local", [AliHttp + "=http:80"], ["forwardfor=update"], [], ClientIpOutcome.PreservedInHeader, null },
        { "haproxy-ingress ignore", IngressControllerKind.HaproxyIngress, "Local", [], ["forwardfor=ignore"], [], ClientIpOutcome.Lost, "forgeable-x-forwarded-for" },
        { "haproxy-ingress, LB sends PROXY, not enabled", IngressControllerKind.HaproxyIngress, "Local", [AwsPp + "=*"], [], [], ClientIpOutcome.Broken, "proxy-protocol-mismatch" },
        { "haproxy-ingress, expects PROXY, none sent", IngressControllerKind.HaproxyIngress, "Local", [], ["use-proxy-protocol=true"], [], ClientIpOutcome.Broken, "proxy-protocol-mismatch" },
        { "haproxy-ingress, PROXY both ends, Cluster", IngressControllerKind.HaproxyIngress, "Cluster", [AwsPp + "=*"], ["use-proxy-protocol=true"], [], ClientIpOutcome.PreservedInHeader, null },
        { "haproxytech defaults, Local", IngressControllerKind.HaproxyTech, "Local", [], [], [], ClientIpOutcome.PreservedInHeader, null },
        { "haproxytech defaults, Cluster", IngressControllerKind.HaproxyTech, "Cluster", [], [], [], ClientIpOutcome.Lost, "ingress-behind-cluster-policy" },
        { "haproxytech src-ip-header", IngressControllerKind.HaproxyTech, "Local", [], ["src-ip-header=True-Client-IP"], [], ClientIpOutcome.PreservedInHeader, "forgeable-x-forwarded-for" },
        { "haproxytech behind L7 LB keeps the chain", IngressControllerKind.HaproxyTech, "Local", [AliHttp + "=http:80"], [], [], ClientIpOutcome.PreservedInHeader, null },
        { "haproxytech forwarded-for off", IngressControllerKind.HaproxyTech, "Local", [], ["forwarded-for=false"], [], ClientIpOutcome.Lost, null },
        { "haproxytech PROXY from everyone", IngressControllerKind.HaproxyTech, "Cluster", [AwsPp + "=*"], ["proxy-protocol=0.0.0.0/0"], [], ClientIpOutcome.PreservedInHeader, null },
        { "haproxytech PROXY list misses the nodes", IngressControllerKind.HaproxyTech, "Cluster", [AwsPp + "=*"], ["proxy-protocol=192.0.2.0/24"], [], ClientIpOutcome.Broken, "proxy-protocol-mismatch" },
        { "contour defaults, Local", IngressControllerKind.Contour, "Local", [], [], [], ClientIpOutcome.PreservedInHeader, null },
        { "contour defaults, Cluster", IngressControllerKind.Contour, "Cluster", [], [], [], ClientIpOutcome.Lost, "ingress-behind-cluster-policy" },
        { "contour one trusted hop, no proxy in front", IngressControllerKind.Contour, "Local", [], ["hops=1"], [], ClientIpOutcome.PreservedInHeader, "forgeable-x-forwarded-for" },
        { "contour behind L7 LB, 0 hops", IngressControllerKind.Contour, "Local", [AliHttp + "=http:80"], [], [], ClientIpOutcome.PreservedInHeader, "lb-header-ignored" },
        { "contour behind L7 LB, 1 hop", IngressControllerKind.Contour, "Local", [AliHttp + "=http:80"], ["hops=1"], [], ClientIpOutcome.PreservedInHeader, null },
        { "contour expects PROXY, none sent", IngressControllerKind.Contour, "Local", [], [], ["--use-proxy-protocol"], ClientIpOutcome.Broken, "proxy-protocol-mismatch" },
    };

    internal static ClientIpReport Run(IngressControllerKind kind, string policy, string[] annotations, string[] configMap, string[] args)
    {
        var cluster = new TestCluster();
        (string, string)[]? cm = null;
        if (kind == IngressControllerKind.Contour)
        {
            var hops = configMap.FirstOrDefault(c => c.StartsWith("hops=", StringComparison.Ordinal));
            cm = ProxyControllerCluster.ContourYaml(hops is null ? "  # num-trusted-hops: 0" : $"  num-trusted-hops: {hops[5..]}");
        }
        else if (configMap.Length > 0)
        {
            cm = Pairs(configMap);
        }

        ProxyControllerCluster.Add(cluster, kind, policy, Pairs(annotations), cm, args);
        cluster.Service("shop", "web", "ClusterIP", null, ["node-3"]);
        var className = kind switch { IngressControllerKind.Traefik => "traefik", IngressControllerKind.Contour => "contour", _ => "haproxy" };
        return IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web", className));
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Analyze_ControllerPolicyLbAndSetting_Outcome(string name, IngressControllerKind kind, string policy, string[] annotations, string[] configMap, string[] args, ClientIpOutcome expected, string? riskId)
    {
        var report = Run(kind, policy, annotations, configMap, args);
        Assert.True(expected == report.Outcome, $"{name}: {report.Outcome}: {report.Verdict}\n{string.Join("\n", report.Routes[0].Notes)}\nrisks: {string.Join(", ", report.Risks.Select(r => r.Code))}");
        if (riskId is not null)
        {
            Assert.Contains(report.Risks, r => r.Code == riskId);
        }

        Assert.Contains(report.Inputs, i => i.Field == "controller" && i.Value.StartsWith(ClusterNet.Core.ClientIp.Controllers.ProxyControllers.Product(kind), StringComparison.Ordinal));
        Assert.Equal("ingress", report.Routes[0].Hops[^2].Id);
        Assert.Equal(ClientIpPeer.IngressController, report.Routes[0].App.SocketIs);
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik, "traefik entryPoints.web.forwardedHeaders.insecure")]
    [InlineData(IngressControllerKind.HaproxyIngress, "haproxy-ingress forwardfor")]
    [InlineData(IngressControllerKind.HaproxyTech, "haproxytech forwarded-for")]
    [InlineData(IngressControllerKind.Contour, "contour network.num-trusted-hops")]
    public void Analyze_SettingNotSet_ShownAsAssumedDefault(IngressControllerKind kind, string field)
    {
        var report = Run(kind, "Local", [], [], []);
        var line = Assert.Single(report.Inputs, i => i.Field == field);
        Assert.StartsWith("assumed", line.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_HaproxyIngressForwardForRead_NamesTheConfigMap()
    {
        var report = Run(IngressControllerKind.HaproxyIngress, "Local", [AliHttp + "=http:80"], ["forwardfor=add"], []);
        var line = Assert.Single(report.Inputs, i => i.Field == "haproxy-ingress forwardfor");
        Assert.Equal("ConfigMap ingress-controller/haproxy-ingress", line.Source);
        var fix = Assert.Single(report.Fixes, f => f.Id == "forwardfor-update");
        Assert.Contains("forwardfor: \"update\"", fix.Patch, StringComparison.Ordinal);
        Assert.Equal("kubectl -n ingress-controller patch configmap haproxy-ingress --type merge -p '{\"data\":{\"forwardfor\":\"update\"}}'", fix.Command);
    }

    [Fact]
    public void Analyze_TraefikBehindL7Lb_FixAppendsTrustedIpsArg()
    {
        var report = Run(IngressControllerKind.Traefik, "Local", [AliHttp + "=http:80"], [], []);
        var fix = Assert.Single(report.Fixes, f => f.Id == "trust-load-balancer");
        Assert.Contains("--entryPoints.web.forwardedHeaders.trustedIPs=", fix.Command, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/spec/template/spec/containers/0/args/-\"", fix.Command, StringComparison.Ordinal);
        Assert.StartsWith("kubectl -n traefik patch deployment traefik --type json", fix.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TraefikTrustedL7Lb_ClientIsSecondToLastEntry()
    {
        var report = Run(IngressControllerKind.Traefik, "Local", [AliHttp + "=http:80"], [], ["--entryPoints.web.forwardedHeaders.trustedIPs=100.64.0.0/10"]);
        Assert.Contains("second-to-last", report.Verdict, StringComparison.Ordinal);
        var app = Assert.Single(report.Fixes, f => f.Id == "app-aspnet-forwarded-headers");
        Assert.Contains("o.ForwardLimit = 2;", app.Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ContourHopsTooLarge_DemonstratesWithEnvoyDecoder()
    {
        var report = Run(IngressControllerKind.Contour, "Local", [], ["hops=1"], []);
        var risk = Assert.Single(report.Risks, r => r.Code == "forgeable-x-forwarded-for");
        Assert.Equal(Severity.Error, risk.Severity);
        Assert.Contains("→ client 6.6.6.6", risk.Detail, StringComparison.Ordinal);
        var fix = Assert.Single(report.Fixes, f => f.Id == "num-trusted-hops-match");
        Assert.Contains("num-trusted-hops: 0", fix.Patch, StringComparison.Ordinal);
        Assert.Null(fix.Command);
    }

    [Fact]
    public void Analyze_ContourEnvoyDataPlane_ServiceAndPodsOfEnvoy()
    {
        var report = Run(IngressControllerKind.Contour, "Local", [], [], []);
        Assert.Contains(report.Inputs, i => i.Field == "controller exposure" && i.Value.StartsWith("Service projectcontour/envoy", StringComparison.Ordinal));
        Assert.Contains("envoy", report.Routes[0].Hops[^2].Label, StringComparison.Ordinal);
        Assert.Contains(report.Routes[0].App.Headers, h => h.Name == "X-Envoy-External-Address");
    }

    [Fact]
    public void Analyze_HaproxyTechSrcIpHeader_FixRemovesTheKey()
    {
        var report = Run(IngressControllerKind.HaproxyTech, "Local", [], ["src-ip-header=True-Client-IP"], []);
        var fix = Assert.Single(report.Fixes, f => f.Id == "remove-src-ip-header");
        Assert.Contains("\"op\":\"remove\",\"path\":\"/data/src-ip-header\"", fix.Command, StringComparison.Ordinal);
        Assert.StartsWith("Forgeable", report.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_BadConfigMapValue_NoticeAndDefaultKept()
    {
        var report = Run(IngressControllerKind.HaproxyIngress, "Local", [], ["forwardfor=sometimes"], []);
        Assert.Contains(report.Risks, r => r.Code == "controller-setting-value" && r.Message.Contains("HAProxy Ingress", StringComparison.Ordinal));
        Assert.Equal(ClientIpOutcome.PreservedInHeader, report.Outcome);
    }

    internal static (string, string)[] Pairs(string[] kv) => [.. kv.Select(p => (p[..p.IndexOf('=', StringComparison.Ordinal)], p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]))];
}
