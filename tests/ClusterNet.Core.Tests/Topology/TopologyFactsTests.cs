using ClusterNet.Core.Facts;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

public class TopologyFactsTests
{
    [Fact]
    public void Build_ReadsFlannelFromTheClusterFacts_ParsedOncePerSnapshot()
    {
        var snapshot = TopologyFixtures.Snapshot(TopologyFixtures.DemoObjects());

        var facts = ClusterFacts.Of(snapshot);
        var graph = TopologyBuilder.Build(snapshot);

        Assert.Same(facts.Flannel, graph.Flannel);
        Assert.Same(facts.Flannel!.NetConf, TopologyBuilder.Build(snapshot).Flannel!.NetConf);
        Assert.Equal("10.244.0.0/16", facts.FlannelNetwork?.ToString());
    }

    [Fact]
    public void Warnings_AreTopologyFindings_MappedToTheWireShape()
    {
        var objects = TopologyFixtures.DemoObjects();
        objects.RemoveAll(o => o is ClusterNet.Core.Model.ConfigMapInfo { Name: "kube-flannel-cfg" });
        objects.Add(TopologyFixtures.ConfigMap("kube-system", "kube-flannel-cfg", "net-conf.json", "{\n  \"Network\": \"10.244.0.0/16\" // pods\n}"));
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(objects));

        var f = Assert.Single(g.Warnings, w => w.Code == WarningCode.NetConfInvalid);
        Assert.Equal(FindingArea.Topology, f.Area);
        Assert.Equal(Severity.Error, f.Severity);
        var wire = TopologyFindings.ToWire(f);
        Assert.Equal(("error", "ConfigMap/kube-system/kube-flannel-cfg", 2, 30), (wire.Severity, wire.Object, wire.Line, wire.Column));
        Assert.StartsWith("error [netconf-invalid] ConfigMap/kube-system/kube-flannel-cfg, field data[net-conf.json], line 2 column 30: ", TopologyFindings.ToText(f));
    }

    [Fact]
    public void ToWire_ClusterWideFinding_HasNoObject()
    {
        var g = TopologyFixtures.Demo();
        var inferred = g.Warnings.FirstOrDefault(w => w.Code == WarningCode.NodeSubnetInferred);

        Assert.NotNull(inferred);
        Assert.Null(TopologyFindings.ToWire(inferred).Object);
        Assert.Equal(TopologyFindings.ClusterSubject, inferred.Subject);
    }
}
