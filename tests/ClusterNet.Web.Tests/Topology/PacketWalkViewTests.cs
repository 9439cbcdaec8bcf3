using Bunit;
using ClusterNet.Core.Topology;
using ClusterNet.Web.Components.Topology;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Topology;

public class PacketWalkViewTests : ShellTestContext
{
    // Master alone on its segment makes node01 → node02 still direct; put node01 and node02 apart to get VXLAN.
    private static readonly TopologyOptions Apart = new() { NodeSubnets = ["172.16.100.101/32", "172.16.100.102/32", "172.16.100.103/32"] };

    [Fact]
    public void Render_VxlanWalk_ListsEveryHopAndOpensTheEncapsulation()
    {
        var result = TopologyTestData.Walk(options: Apart);

        var cut = Render<PacketWalkView>(p => p.Add(x => x.Result, result));

        var hops = cut.FindAll("[data-testid=walk-hop]");
        Assert.Equal(result.Hops.Length, hops.Count);
        Assert.Equal(result.Hops.Select(h => h.Action), hops.Select(h => h.GetAttribute("data-action")));
        var open = Assert.Single(cut.FindAll(".cn-hop--open"));
        Assert.Equal("encapsulate", open.GetAttribute("data-action"));
        Assert.Contains("vxlan", cut.Find("[data-testid=walk-mode]").TextContent);
        Assert.Contains("path MTU 1450", cut.Find("[data-testid=walk-mtu]").TextContent);
    }

    [Fact]
    public void Render_VxlanWalk_HeaderStackIsNestedOutermostFirst()
    {
        var cut = Render<PacketWalkView>(p => p.Add(x => x.Result, TopologyTestData.Walk(options: Apart)));

        var layers = cut.FindAll("[data-testid=header-stack] [data-testid=header-layer]");
        Assert.Equal(["Ethernet", "IPv4", "UDP", "VXLAN", "Ethernet", "IPv4", "TCP", "payload"], layers.Select(l => l.GetAttribute("data-layer")));
        // Each layer is inside the one before it, like the diagram in the notes.
        for (var i = 1; i < layers.Count; i++)
        {
            Assert.Same(layers[i - 1], layers[i].ParentElement);
        }

        Assert.Contains("8472", layers[2].TextContent);
        Assert.Contains("VNI", layers[3].TextContent);
        Assert.Contains("172.16.100.102", layers[1].QuerySelector(".cn-hdr__fields")!.TextContent);
    }

    [Fact]
    public void Click_AnotherHop_ShowsItsHeadersInstead()
    {
        var cut = Render<PacketWalkView>(p => p.Add(x => x.Result, TopologyTestData.Walk(options: Apart)));

        cut.FindAll("[data-testid=walk-hop] button")[0].Click();

        var open = Assert.Single(cut.FindAll(".cn-hop--open"));
        Assert.Equal("send", open.GetAttribute("data-action"));
        Assert.Equal(["Ethernet", "IPv4", "TCP", "payload"], cut.FindAll("[data-testid=header-layer]").Select(l => l.GetAttribute("data-layer")));
    }

    [Fact]
    public void Render_ServiceWalk_ShowsDnatHopAndEndpoint()
    {
        var snapshot = TopologyTestData.DemoSnapshot();
        var svc = snapshot.Services.First(s => s.Namespace == "dev" && s.Name == "myapp");
        var port = svc.Ports[0].Port;
        var result = PacketWalker.Walk(TopologyBuilder.Build(snapshot), new PacketWalkQuery { From = "prod/pod1", To = "svc/dev/myapp", Port = port });

        var cut = Render<PacketWalkView>(p => p.Add(x => x.Result, result));

        Assert.Null(result.Error);
        Assert.Contains(cut.FindAll("[data-testid=walk-hop]"), h => h.GetAttribute("data-action") == "dnat");
        Assert.Contains(result.Endpoint!, cut.Find("[data-testid=walk-summary]").TextContent);
    }

    [Fact]
    public void Render_Error_ShowsItWithoutHops()
    {
        var cut = Render<PacketWalkView>(p => p.Add(x => x.Result, TopologyTestData.Walk(to: "prod/nope")));

        Assert.Contains("pod prod/nope not found", cut.Find("[data-testid=walk-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=walk-hop]"));
    }

    [Fact]
    public void Render_PolicyVerdict_ShowsChipWithEnforcement()
    {
        var result = TopologyTestData.Walk() with { Policy = new PacketPolicyVerdict(ClusterNet.Core.Policy.ReachVerdict.Denied, "deny-all-ingress selects prod/pod1", Enforced: false) { Qualifier = "not enforced by this CNI (flannel)" } };

        var cut = Render<PacketWalkView>(p => p.Add(x => x.Result, result));

        Assert.Contains("policy: denied · not enforced by this CNI (flannel)", cut.Find("[data-testid=walk-policy]").TextContent);
        Assert.Equal("denied", cut.Find("[data-testid=walk-policy]").GetAttribute("data-verdict"));
        Assert.Contains("deny-all-ingress", cut.Markup);
    }
}
