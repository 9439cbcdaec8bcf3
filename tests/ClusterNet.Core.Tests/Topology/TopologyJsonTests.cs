using System.Text.Json;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

public class TopologyJsonTests
{
    [Fact]
    public void Serialize_Document_IsCamelCaseWithElementsEdgesAndWarnings()
    {
        var json = TopologyJson.Serialize(TopologyJson.ToDocument(TopologyFixtures.Demo()));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("flannel", root.GetProperty("cni").GetProperty("name").GetString());
        Assert.Equal("vxlan", root.GetProperty("flannel").GetProperty("backend").GetString());
        Assert.True(root.GetProperty("flannel").GetProperty("directRouting").GetBoolean());
        Assert.True(root.GetProperty("flannel").GetProperty("netConf").GetProperty("valid").GetBoolean());
        Assert.Equal("ipvs", root.GetProperty("kubeProxy").GetProperty("mode").GetString());
        Assert.Equal("inferred", root.GetProperty("nodeSubnets").GetProperty("source").GetString());
        Assert.Equal(1450, root.GetProperty("podMtu").GetInt32());
        var pod = root.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "pod/dev/pod-a");
        Assert.Equal("pod", pod.GetProperty("kind").GetString());
        Assert.Equal("node/node01", pod.GetProperty("parent").GetString());
        Assert.Equal("10.244.1.2", pod.GetProperty("data").GetProperty("ip").GetString());
        Assert.Equal("web", pod.GetProperty("labels").GetProperty("app").GetString());
        Assert.False(root.GetProperty("elements")[0].TryGetProperty("parent", out _));
        var edge = root.GetProperty("edges")[0];
        Assert.True(edge.TryGetProperty("source", out _) && edge.TryGetProperty("target", out _) && edge.TryGetProperty("kind", out _));
        Assert.Equal("node-subnet-inferred", root.GetProperty("warnings")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Serialize_Routes_CarriesIpRouteText()
    {
        var json = TopologyJson.Serialize(TopologyJson.ToDocument(RoutePredictor.Predict(TopologyFixtures.Demo(), "master")!));
        using var doc = JsonDocument.Parse(json);

        var texts = doc.RootElement.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("text").GetString()).ToList();
        Assert.Contains("10.244.1.0/24 via 172.16.100.102 dev eth0", texts);
        Assert.Equal("master", doc.RootElement.GetProperty("node").GetString());
        Assert.StartsWith("1: lo:", doc.RootElement.GetProperty("links")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Render_Dot_HasClusterPerNodeAndQuotedIds()
    {
        var dot = TopologyDot.Render(TopologyFixtures.Demo());

        Assert.StartsWith("graph topology {", dot);
        Assert.Contains("subgraph \"cluster_node/node01\" {", dot);
        Assert.Contains("\"pod/dev/pod-a\" [label=\"dev/pod-a\\n10.244.1.2\", shape=ellipse];", dot);
        Assert.Contains("\"dev/node01/nic\" -- \"dev/node02/nic\" [label=\"DirectRouting\", color=darkgreen];", dot);
        Assert.EndsWith("}\n", dot);
    }
}
