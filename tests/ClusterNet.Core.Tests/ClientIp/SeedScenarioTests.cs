using ClusterNet.Core.ClientIp;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>The four situations of the user's notes (§16.8), as they describe them, with the domain brief's corrections.</summary>
public sealed class SeedScenarioTests
{
    [Fact]
    public void PodToPod_ServerSeesClientPodIp_NoHeaders()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("dev", "podb", "ClusterIP", null, ["node-2"]);
        var route = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc).Routes.Single();
        Assert.Equal(ClientIpOutcome.Preserved, route.Outcome);
        Assert.Equal(ClientIpPeer.Pod, route.App.SocketIs);
        Assert.Contains("client pod's IP", route.App.SocketRemoteAddress, StringComparison.Ordinal);
        Assert.Empty(route.App.Headers);
        Assert.DoesNotContain(route.Hops, h => h.Snat);
    }

    [Fact]
    public void NodePortCluster_NodeSnats_AppSeesNodeNotClient()
    {
        // The notes say the app may see node 2's IP or the client's; with kube-proxy it is always a node address.
        var cluster = new TestCluster(nodes: 2);
        var svc = cluster.Service("dev", "web", "NodePort", "Cluster", ["node-1"]);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Equal(ClientIpOutcome.Lost, report.Outcome);
        Assert.Equal(ClientIpPeer.Node, report.Routes[0].App.SocketIs);
        Assert.Contains("even when the endpoint runs here", report.Routes[0].Hops.Single(h => h.Id == "node").SnatReason, StringComparison.Ordinal);
    }

    [Fact]
    public void NodePortLocal_ClientIpIsRemoteAddr_Node2Drops()
    {
        var cluster = new TestCluster(nodes: 2);
        var svc = cluster.Service("dev", "web", "NodePort", "Local", ["node-1"]);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Equal(ClientIpOutcome.Preserved, report.Outcome);
        Assert.Equal("the socket's remote address", report.Routes[0].App.ClientIpFrom);
        Assert.Contains("node-2", report.Risks.Single(r => r.Code == "local-nodes-without-endpoints").Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http:80", ClientIpOutcome.PreservedInHeader, "X-Forwarded-For")]
    [InlineData(null, ClientIpOutcome.Preserved, "the socket's remote address")]
    public void LoadBalancerLocalSlb_HttpListenerReadsXff_TcpListenerRemoteAddr(string? protocolPort, ClientIpOutcome expected, string clientIpFrom)
    {
        var cluster = new TestCluster(nodes: 2);
        var annotations = protocolPort is null
            ? new[] { ("service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", "internet") }
            : [("service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port", protocolPort)];
        var svc = cluster.Service("dev", "web", "LoadBalancer", "Local", ["node-1"], annotations, healthCheckNodePort: 32001);
        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);
        Assert.Equal(expected, report.Outcome);
        Assert.StartsWith(clientIpFrom, report.Routes[0].App.ClientIpFrom, StringComparison.Ordinal);
        var lb = report.Routes[0].Hops.Single(h => h.Id == "lb");
        Assert.StartsWith("Alibaba Cloud CLB", lb.Label, StringComparison.Ordinal);
        Assert.Contains("only nodes with a ready endpoint answer 200 (node-1)", lb.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingress_ControllerServiceLocal_XffIsClient_RemoteAddrIsIngressPod()
    {
        var cluster = new TestCluster();
        cluster.IngressNginx("LoadBalancer", "Local");
        cluster.Service("dev", "app", "ClusterIP", null, ["node-3"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("dev", "app", "app"));
        var route = report.Routes.Single();
        Assert.Equal(ClientIpOutcome.PreservedInHeader, route.Outcome);
        Assert.Equal(ClientIpPeer.IngressController, route.App.SocketIs);
        Assert.Equal("<client>", route.App.Headers.Single(h => h.Name == "X-Forwarded-For").Value);
        Assert.Equal(["client", "lb", "node", "ingress", "pod"], route.Hops.Select(h => h.Id));
    }
}
