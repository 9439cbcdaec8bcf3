using ClusterNet.Core.ClientIp;
using ClusterNet.Web.ClientIp;

namespace ClusterNet.Web.Tests.ClientIp;

public sealed class ClientIpDiagramLayoutTests
{
    private static ClientIpRoute Route(params ClientIpHop[] hops) => new()
    {
        Id = "lb",
        Name = "test",
        Outcome = ClientIpOutcome.Lost,
        Verdict = "Lost",
        Hops = [.. hops],
        App = new ClientIpAppView { SocketIs = ClientIpPeer.Node, SocketRemoteAddress = "node", ClientIpFrom = "nowhere" },
    };

    [Fact]
    public void Build_FourHops_BoxesInARowArrowsBetween()
    {
        var diagram = ClientIpDiagramLayout.Build(Route(
            new ClientIpHop { Id = "client", Kind = ClientIpHopKind.Client, Label = "Client" },
            new ClientIpHop { Id = "lb", Kind = ClientIpHopKind.LoadBalancer, Label = "AWS Classic ELB (HTTP listener)", SeesSource = "client 203.0.113.7", Snat = true, AddsHeaders = ["X-Forwarded-For: <client> (appended)"] },
            new ClientIpHop { Id = "node", Kind = ClientIpHopKind.Node, Label = "Any node (kube-proxy on every node)", SeesSource = "the load balancer (the ELB's private addresses)", Snat = true },
            new ClientIpHop { Id = "other-node", Kind = ClientIpHopKind.Node, Label = "Node running the chosen endpoint", Conditional = true, SeesSource = "the receiving node" }));
        Assert.Equal(["client", "lb", "node", "other-node"], diagram.Boxes.Select(b => b.Id));
        Assert.Equal(["load-balancer"], diagram.Boxes.Where(b => b.Id == "lb").Select(b => b.Kind));
        Assert.All(diagram.Boxes.Zip(diagram.Boxes.Skip(1)), p => Assert.True(p.Second.X > p.First.X + p.First.Width));
        Assert.Equal(3, diagram.Arrows.Length);
        Assert.Equal("client 203.0.113.7", diagram.Arrows[0].Label);
        Assert.False(diagram.Arrows[0].Snat);
        Assert.True(diagram.Arrows[1].Snat);
        Assert.Equal(["X-Forwarded-For: <client> (appended)"], diagram.Arrows[1].Headers.AsEnumerable());
        Assert.Equal("LB address", diagram.Arrows[1].Label);
        Assert.Equal("node address", diagram.Arrows[2].Label);
        Assert.True(diagram.Boxes[3].Dashed);
        Assert.True(diagram.Width >= diagram.Boxes[^1].X + diagram.Boxes[^1].Width);
    }

    [Theory]
    [InlineData("Client", 20, 2, new[] { "Client" })]
    [InlineData("Any node (kube-proxy on every node)", 20, 2, new[] { "Any node (kube-proxy", "on every node)" })]
    [InlineData("Alibaba Cloud CLB (HTTP/HTTPS listener: http:80, https:443)", 20, 2, new[] { "Alibaba Cloud CLB", "(HTTP/HTTPS listene…" })]
    public void Wrap_LongLabels_AtMostTwoLines(string text, int width, int lines, string[] expected)
    {
        Assert.Equal(expected, ClientIpDiagramLayout.Wrap(text, width, lines));
    }

    [Theory]
    [InlineData("the client's address (e.g. 203.0.113.7)", "client 203.0.113.7")]
    [InlineData("the receiving node's address (e.g. node-1 10.0.0.11; or that node's cni0/tunnel address when the endpoint is local)", "node address")]
    [InlineData("an ingress-nginx pod IP (e.g. 10.244.1.5)", "ingress pod IP")]
    [InlineData("the client pod's IP", "client pod IP")]
    public void ShortSource_KnownPhrases_ShortLabels(string seen, string expected)
    {
        Assert.Equal(expected, ClientIpDiagramLayout.ShortSource(seen));
    }
}
