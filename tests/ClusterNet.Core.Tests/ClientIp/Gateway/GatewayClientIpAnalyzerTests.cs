using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.ClientIp.Queries;
using ClusterNet.Core.Model;
using static ClusterNet.Core.Tests.ClientIp.Gateways.GatewayTestObjects;

namespace ClusterNet.Core.Tests.ClientIp.Gateways;

/// <summary>
/// The Gateway client-IP report per implementation × gateway Service externalTrafficPolicy × trust setting: the path
/// drawn (client → load balancer → node → gateway pod → backend Service → pod), what the backend receives, and which
/// risks and fixes come out. A client at 203.0.113.7 (the analyses' example client) reaches Gateway web/gw listener
/// http, whose HTTPRoute sends to Service web/app.
/// </summary>
public sealed class GatewayClientIpAnalyzerTests
{
    private const string Client = ExternalEntryBuilder.ExampleClient;
    private const string NodeIp = "172.16.100.103";
    private const string GatewayPod = "10.244.2.5";

    public enum Trust
    {
        Default,
        OneHop,
        TrustEveryone,
    }

    internal static ClusterSnapshot Cluster(string controller, string policy, Trust trust, string? lbAnnotationKey = null, string? lbAnnotationValue = null)
    {
        var implementation = GatewayImplementations.FromControllerName(controller);
        var labels = implementation == GatewayImplementation.EnvoyGateway ? EnvoyGatewayLabels("web", "gw") : GatewayNameLabels("gw");
        var proxyNs = implementation == GatewayImplementation.EnvoyGateway ? "envoy-gateway-system" : "web";
        var gw = Gateway("web", "gw", "cls");
        var front = Service(proxyNs, "gw-proxy", labels, policy: policy, lbIp: "198.51.100.80");
        if (lbAnnotationKey is not null)
        {
            front = front with { Annotations = LabelMap.Of((lbAnnotationKey, lbAnnotationValue!)) };
        }

        var appLabels = LabelMap.Of(("app", "app"));
        var objects = new List<IClusterObject>
        {
            gw,
            Class("cls", controller),
            front,
            Pod(proxyNs, "gw-proxy-1", labels, GatewayPod,
                trust == Trust.TrustEveryone && implementation == GatewayImplementation.Traefik ? ["traefik", "--entryPoints.http.forwardedHeaders.insecure=true"] : ["proxy"]),
            HttpRoute("web", "app", Parent("gw", section: "http"), Backend("app")),
            Service("web", "app", appLabels, type: "ClusterIP"),
            Pod("web", "app-1", appLabels, "10.244.1.9"),
            new NodeInfo { Name = "node-2", Addresses = [new NodeAddress("InternalIP", NodeIp)], PodCidrs = ["10.244.2.0/24"] },
        };
        switch (implementation, trust)
        {
            case (GatewayImplementation.EnvoyGateway, Trust.OneHop):
                objects.Add(Ctp(new EnvoyClientIpDetectionInfo { XForwardedFor = true, NumTrustedHops = 1 }));
                break;
            case (GatewayImplementation.EnvoyGateway, Trust.TrustEveryone):
                objects.Add(Ctp(new EnvoyClientIpDetectionInfo { XForwardedFor = true, TrustedCidrs = ["0.0.0.0/0"] }));
                break;
            case (GatewayImplementation.Istio, Trust.OneHop):
                objects[0] = gw with { Annotations = LabelMap.Of((GatewayClientIpSettingsReader.IstioProxyConfigAnnotation, "gatewayTopology:\n  numTrustedProxies: 1\n")) };
                break;
            case (GatewayImplementation.NginxGatewayFabric, Trust.TrustEveryone):
                objects[0] = gw with { InfrastructureParametersRef = new GatewayParametersRefInfo("gateway.nginx.org", "NginxProxy", "np") };
                objects.Add(new NginxProxyInfo
                {
                    Namespace = "web",
                    Name = "np",
                    RewriteClientIp = new NginxRewriteClientIpInfo { Mode = "XForwardedFor", SetIpRecursively = true, TrustedAddresses = [new NginxTrustedAddressInfo("CIDR", "0.0.0.0/0")] },
                });
                break;
        }

        return Snapshot([.. objects]);
    }

    private static ClientTrafficPolicyInfo Ctp(EnvoyClientIpDetectionInfo detection) => new()
    {
        Namespace = "web",
        Name = "ctp",
        TargetRefs = [new PolicyTargetRefInfo("gateway.networking.k8s.io", "Gateway", "gw")],
        ClientIpDetection = detection,
    };

    private static ClientIpReport Report(string controller, string policy, Trust trust) =>
        ClientIpAnalyzer.For(Cluster(controller, policy, trust), ClientIpPathQuery.ForGateway("web", "gw"))!;

    [Theory]
    // Envoy Gateway
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, "")]
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Cluster", Trust.Default, ClientIpOutcome.Lost, GatewayClientIpAnalyzer.EtpClusterRisk)]
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Local", Trust.OneHop, ClientIpOutcome.PreservedInHeader, GatewayClientIpAnalyzer.TooManyHopsRisk)]
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Cluster", Trust.OneHop, ClientIpOutcome.Lost, GatewayClientIpAnalyzer.EtpClusterRisk + "," + GatewayClientIpAnalyzer.TooManyHopsRisk)]
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Local", Trust.TrustEveryone, ClientIpOutcome.PreservedInHeader, GatewayClientIpAnalyzer.TrustsEveryoneRisk)]
    // Istio
    [InlineData(GatewayImplementations.IstioController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, "")]
    [InlineData(GatewayImplementations.IstioController, "Cluster", Trust.Default, ClientIpOutcome.Lost, GatewayClientIpAnalyzer.EtpClusterRisk)]
    [InlineData(GatewayImplementations.IstioController, "Local", Trust.OneHop, ClientIpOutcome.PreservedInHeader, GatewayClientIpAnalyzer.TooManyHopsRisk)]
    // NGINX Gateway Fabric
    [InlineData(GatewayImplementations.NginxGatewayFabricController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, "")]
    [InlineData(GatewayImplementations.NginxGatewayFabricController, "Cluster", Trust.Default, ClientIpOutcome.Lost, GatewayClientIpAnalyzer.EtpClusterRisk)]
    [InlineData(GatewayImplementations.NginxGatewayFabricController, "Local", Trust.TrustEveryone, ClientIpOutcome.PreservedInHeader, GatewayClientIpAnalyzer.TrustsEveryoneRisk)]
    // Traefik
    [InlineData(GatewayImplementations.TraefikController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, "")]
    [InlineData(GatewayImplementations.TraefikController, "Cluster", Trust.Default, ClientIpOutcome.Lost, GatewayClientIpAnalyzer.EtpClusterRisk)]
    [InlineData(GatewayImplementations.TraefikController, "Local", Trust.TrustEveryone, ClientIpOutcome.PreservedInHeader, GatewayClientIpAnalyzer.TrustsEveryoneRisk)]
    // Cilium and kgateway: Envoy edge defaults, assumed
    [InlineData(GatewayImplementations.CiliumController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, "")]
    [InlineData(GatewayImplementations.CiliumController, "Cluster", Trust.Default, ClientIpOutcome.Lost, GatewayClientIpAnalyzer.EtpClusterRisk)]
    [InlineData(GatewayImplementations.KgatewayController, "Cluster", Trust.Default, ClientIpOutcome.Lost, GatewayClientIpAnalyzer.EtpClusterRisk)]
    // Unknown implementation: said so, generic answer
    [InlineData("example.com/gateway", "Local", Trust.Default, ClientIpOutcome.Unknown, GatewayClientIpAnalyzer.UnknownImplementationRisk)]
    public void Analyze_ImplementationPolicyTrust_OutcomeAndRisks(string controller, string policy, Trust trust, ClientIpOutcome outcome, string riskCodes)
    {
        var report = Report(controller, policy, trust);
        var route = Assert.Single(report.Routes);
        var why = $"{route.Verdict}\n{string.Join("\n", route.Hops.Select(h => h.Detail))}";
        Assert.True(outcome == route.Outcome, $"outcome {route.Outcome}, expected {outcome}\n{why}");
        Assert.Equal(riskCodes.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), report.Risks.Select(r => r.Code).Order());
        Assert.All(report.Risks.Where(r => r.Code != GatewayClientIpAnalyzer.UnknownImplementationRisk && (r.Code != GatewayClientIpAnalyzer.TooManyHopsRisk || !controller.StartsWith("kgateway", StringComparison.Ordinal))),
            r => Assert.NotEmpty(r.Fixes));
        Assert.Equal(ClientIpSubjectKind.Gateway, report.Kind);
        Assert.Equal("Gateway web/gw", report.Subject);
    }

    [Fact]
    public void Analyze_EnvoyGatewayLocal_PathAndWhatTheBackendSees()
    {
        var route = Assert.Single(Report(GatewayImplementations.EnvoyGatewayController, "Local", Trust.Default).Routes);
        Assert.Equal("http/httproute/web/app/0", route.Id);
        Assert.Equal(["client", "lb", "node", "gateway", "service", "pod"], route.Hops.Select(h => h.Id));
        Assert.False(route.Hops.Single(h => h.Id == "node").Snat);
        var gateway = route.Hops.Single(h => h.Id == "gateway");
        Assert.True(gateway.Snat);
        Assert.Equal(ClientIpHopKind.Gateway, gateway.Kind);
        Assert.Contains($"X-Forwarded-For: {Client}", gateway.AddsHeaders);
        Assert.Equal(ClientIpPeer.Gateway, route.App.SocketIs);
        Assert.Contains(GatewayPod, route.App.SocketRemoteAddress, StringComparison.Ordinal);
        Assert.Equal(Client, route.App.Headers.Single(h => h.Name == "X-Forwarded-For").Value);
        Assert.Equal("(not written)", route.App.Headers.Single(h => h.Name == "Forwarded").Value);
        Assert.DoesNotContain(route.App.Headers, h => h.Name == "X-Real-IP");
        Assert.StartsWith("In a header:", route.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_EnvoyGatewayCluster_SnatAtTheNode_FixPatchesAnEnvoyProxy()
    {
        var report = Report(GatewayImplementations.EnvoyGatewayController, "Cluster", Trust.Default);
        var route = Assert.Single(report.Routes);
        Assert.True(route.Hops.Single(h => h.Id == "node").Snat);
        Assert.Contains(route.Hops, h => h.Id == "other-node" && h.Conditional);
        Assert.Equal(NodeIp, route.App.Headers.Single(h => h.Name == "X-Forwarded-For").Value);
        var fix = Assert.Single(report.Risks.Single(r => r.Code == GatewayClientIpAnalyzer.EtpClusterRisk).Fixes);
        Assert.Contains("kind: EnvoyProxy", fix.Patch, StringComparison.Ordinal);
        Assert.Contains("externalTrafficPolicy: Local", fix.Patch, StringComparison.Ordinal);
        // No EnvoyProxy is referenced: the patch creates one and points the Gateway at it.
        Assert.Contains("parametersRef:", fix.Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_EnvoyGatewayOneHopBehindL4_GatewayBelievesForgedButBackendRightmostIsTheClient()
    {
        var report = Report(GatewayImplementations.EnvoyGatewayController, "Local", Trust.OneHop);
        var route = Assert.Single(report.Routes);
        Assert.StartsWith("Forgeable:", route.Verdict, StringComparison.Ordinal);
        var risk = report.Risks.Single(r => r.Code == GatewayClientIpAnalyzer.TooManyHopsRisk);
        Assert.Contains("trusts 1", risk.Message, StringComparison.Ordinal);
        Assert.Contains("0 proxy", risk.Message, StringComparison.Ordinal);
        var fix = Assert.Single(risk.Fixes);
        Assert.Contains("clientIPDetection: null", fix.Patch, StringComparison.Ordinal);
        Assert.Equal("ClientTrafficPolicy web/ctp", fix.Target);
    }

    [Fact]
    public void Analyze_IstioOneHop_FixIsTheProxyConfigAnnotation()
    {
        var fix = Assert.Single(Report(GatewayImplementations.IstioController, "Local", Trust.OneHop).Risks.Single().Fixes);
        Assert.Contains("proxy.istio.io/config: '{\"gatewayTopology\":{\"numTrustedProxies\":0}}'", fix.Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_NginxGatewayFabric_XRealIpAndTrustFix()
    {
        var local = Assert.Single(Report(GatewayImplementations.NginxGatewayFabricController, "Local", Trust.Default).Routes);
        Assert.Equal(Client, local.App.Headers.Single(h => h.Name == "X-Real-IP").Value);
        var fix = Assert.Single(Report(GatewayImplementations.NginxGatewayFabricController, "Local", Trust.TrustEveryone).Risks.Single().Fixes);
        Assert.Equal("NginxProxy web/np", fix.Target);
        Assert.Contains("rewriteClientIP: null", fix.Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_CiliumCluster_FixIsHelmValue_AndAssumedSettingsAreSaid()
    {
        var report = Report(GatewayImplementations.CiliumController, "Cluster", Trust.Default);
        Assert.Equal("Cilium Helm values", report.Risks.Single().Fixes.Single().Target);
        Assert.Contains(report.Inputs, i => i.Source?.StartsWith("not read, default assumed:", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Analyze_DefaultsFromDocumentation_AreMarkedInInputs()
    {
        var report = Report(GatewayImplementations.EnvoyGatewayController, "Local", Trust.Default);
        Assert.Contains(report.Inputs, i => i.Field == "listener http: xff_num_trusted_hops" && i.Source!.StartsWith("default, from documentation:", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_L7LoadBalancerWithOneTrustedHop_RightCount_NotForgeable()
    {
        // A Classic ELB with an HTTP backend appends the client to X-Forwarded-For: one trusted hop is exactly right.
        var snapshot = Cluster(GatewayImplementations.EnvoyGatewayController, "Local", Trust.OneHop, "service.beta.kubernetes.io/aws-load-balancer-backend-protocol", "http");
        var report = ClientIpAnalyzer.ForGateway(snapshot, "web", "gw")!;
        var route = Assert.Single(report.Routes);
        Assert.True(route.Hops.Single(h => h.Id == "lb").Snat);
        Assert.DoesNotContain(report.Risks, r => r.Code is GatewayClientIpAnalyzer.TooManyHopsRisk or GatewayClientIpAnalyzer.ForgeableRisk);
        Assert.Equal(ClientIpOutcome.PreservedInHeader, route.Outcome);
        Assert.StartsWith("In a header:", route.Verdict, StringComparison.Ordinal);
        // Envoy appends with a bare comma.
        Assert.Equal($"{Client},{GatewayFrontPath.ExampleLoadBalancerIp}", route.App.Headers.Single(h => h.Name == "X-Forwarded-For").Value);
    }

    [Fact]
    public void Analyze_TcpRoute_LostAtL4()
    {
        var snapshot = Cluster(GatewayImplementations.EnvoyGatewayController, "Local", Trust.Default);
        var tcp = new GatewayRouteInfo
        {
            Kind = GatewayRouteKind.TcpRoute,
            Namespace = "web",
            Name = "db",
            ParentRefs = [Parent("gw", section: "tcp")],
            Rules = [new RouteRuleInfo { BackendRefs = [Backend("app", 5432)] }],
        };
        var gw = snapshot.Gateways.Get("web", "gw")! with { Listeners = [Listener("http", 80, "HTTP"), Listener("tcp", 5432, "TCP")] };
        snapshot = Snapshot([.. snapshot.Pods, .. snapshot.Services, .. snapshot.Nodes, .. snapshot.GatewayClasses, .. snapshot.GatewayRoutes, gw, tcp]);
        var report = ClientIpAnalyzer.ForGateway(snapshot, "web", "gw")!;
        var route = report.Routes.Single(r => r.Id == "tcp/tcproute/web/db/0");
        Assert.Equal(ClientIpOutcome.Lost, route.Outcome);
        Assert.Empty(route.App.Headers);
    }

    [Fact]
    public void Analyze_ListenerWithoutRoutes_NotApplicableRoute()
    {
        var snapshot = Cluster(GatewayImplementations.EnvoyGatewayController, "Local", Trust.Default);
        var gw = snapshot.Gateways.Get("web", "gw")! with { Listeners = [Listener("http", 80, "HTTP"), Listener("spare", 8080, "HTTP")] };
        snapshot = Snapshot([.. snapshot.Pods, .. snapshot.Services, .. snapshot.Nodes, .. snapshot.GatewayClasses, .. snapshot.GatewayRoutes, gw]);
        var report = ClientIpAnalyzer.ForGateway(snapshot, "web", "gw")!;
        Assert.Equal(ClientIpOutcome.NotApplicable, report.Routes.Single(r => r.Id == "spare").Outcome);
        Assert.Equal(ClientIpOutcome.PreservedInHeader, report.Outcome);
    }

    [Fact]
    public void Overview_NamesTheGatewayListener()
    {
        var rows = ClientIpAnalyzer.Overview(Cluster(GatewayImplementations.EnvoyGatewayController, "Cluster", Trust.Default));
        var row = rows.Single(r => r.Name == "app");
        Assert.Equal("Gateway web/gw listener http", row.ExposedVia);
        Assert.Equal(ClientIpOutcome.Lost, row.Outcome);
        Assert.Equal("ClusterIP", row.Type);
        // The gateway's own LoadBalancer Service is listed as any exposed Service is.
        Assert.Contains(rows, r => r.Name == "gw-proxy" && r.ExposedVia == "LoadBalancer");
    }

    [Fact]
    public void Analyze_NoDataPlane_UnknownAndSaysWhy()
    {
        var snapshot = Cluster(GatewayImplementations.EnvoyGatewayController, "Local", Trust.Default);
        snapshot = Snapshot([.. snapshot.Pods.Where(p => p.Name != "gw-proxy-1"), .. snapshot.Services.Where(s => s.Name != "gw-proxy"), .. snapshot.Nodes,
            .. snapshot.GatewayClasses, .. snapshot.Gateways, .. snapshot.GatewayRoutes]);
        var report = ClientIpAnalyzer.ForGateway(snapshot, "web", "gw")!;
        Assert.Equal(ClientIpOutcome.Unknown, report.Outcome);
        Assert.Contains(report.Risks, r => r.Code == GatewayClientIpAnalyzer.NoDataPlaneRisk);
        Assert.Contains(report.Routes[0].Notes, n => n.Contains("not exposed by any Service", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_ClusterIpOnlyGatewayService_Unknown()
    {
        var snapshot = Cluster(GatewayImplementations.IstioController, "Local", Trust.Default);
        var front = snapshot.Services.Get("web", "gw-proxy")!;
        snapshot = Snapshot([.. snapshot.Pods, .. snapshot.Services.Where(s => s.Name != "gw-proxy"), front with { Type = "ClusterIP", ExternalTrafficPolicy = null },
            .. snapshot.Nodes, .. snapshot.GatewayClasses, .. snapshot.Gateways, .. snapshot.GatewayRoutes]);
        var report = ClientIpAnalyzer.ForGateway(snapshot, "web", "gw")!;
        Assert.Equal(ClientIpOutcome.Unknown, report.Outcome);
        Assert.Contains("ClusterIP Service web/gw-proxy", report.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_EnvoyTrustEveryoneBehindL7_FixTrustsOnlyTheLoadBalancer()
    {
        var snapshot = Cluster(GatewayImplementations.EnvoyGatewayController, "Local", Trust.TrustEveryone, "service.beta.kubernetes.io/aws-load-balancer-backend-protocol", "http");
        var risk = ClientIpAnalyzer.ForGateway(snapshot, "web", "gw")!.Risks.Single(r => r.Code == GatewayClientIpAnalyzer.TrustsEveryoneRisk);
        var fix = Assert.Single(risk.Fixes);
        Assert.Contains($"trustedCIDRs:\n      - {GatewayFrontPath.ExampleLoadBalancerIp}/32", fix.Patch, StringComparison.Ordinal);
        Assert.DoesNotContain("numTrustedHops", fix.Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TraefikInsecure_FixNamesTheEntryPointArgs()
    {
        var fix = Assert.Single(Report(GatewayImplementations.TraefikController, "Local", Trust.TrustEveryone).Risks.Single().Fixes);
        Assert.Contains("--entryPoints.http.forwardedHeaders.insecure", fix.Patch, StringComparison.Ordinal);
        Assert.Contains("pod web/gw-proxy-1", fix.Target, StringComparison.Ordinal);
    }

    [Fact]
    public void ForGateway_Absent_Null() =>
        Assert.Null(ClientIpAnalyzer.ForGateway(Cluster(GatewayImplementations.EnvoyGatewayController, "Local", Trust.Default), "web", "nope"));
}
