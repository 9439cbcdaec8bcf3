using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

public class TopologyWarningTests
{
    private static TopologyGraph Build(Func<List<IClusterObject>, List<IClusterObject>> change, TopologyOptions? options = null, string backend = "vxlan") =>
        TopologyBuilder.Build(TopologyFixtures.Snapshot(change(TopologyFixtures.DemoObjects(backend))), options);

    private static List<IClusterObject> ReplaceNode(List<IClusterObject> objects, string name, Func<NodeInfo, NodeInfo> change)
    {
        var i = objects.FindIndex(o => o is NodeInfo n && n.Name == name);
        objects[i] = change((NodeInfo)objects[i]);
        return objects;
    }

    private static NodeInfo WithAnnotation(NodeInfo n, string key, string? value) =>
        n with { Annotations = value is null ? n.Annotations.Remove(key) : n.Annotations.SetItem(key, value) };

    [Fact]
    public void Build_Demo_HasOnlyTheInferenceNote()
    {
        var g = TopologyFixtures.Demo();

        var w = Assert.Single(g.Warnings);
        Assert.Equal(WarningCode.NodeSubnetInferred, w.Code);
        Assert.Equal(Severity.Info, w.Severity);
    }

    [Fact]
    public void Build_ConfiguredSubnets_HasNoInferenceNote()
    {
        Assert.Empty(TopologyFixtures.Demo(TopologyFixtures.Subnets("172.16.100.0/24")).Warnings);
    }

    [Fact]
    public void Build_InvalidNetConf_WarnsWithLineColumnAndFallsBackToAnnotations()
    {
        var g = Build(o =>
        {
            o.RemoveAll(x => x is ConfigMapInfo { Name: "kube-flannel-cfg" });
            o.Add(TopologyFixtures.ConfigMap("kube-system", "kube-flannel-cfg", "net-conf.json", "{\n  \"Network\": \"10.244.0.0/16\" // pods\n}"));
            return o;
        });

        var w = Assert.Single(g.Warnings, w => w.Code == WarningCode.NetConfInvalid);
        Assert.Equal(Severity.Error, w.Severity);
        Assert.Equal("ConfigMap/kube-system/kube-flannel-cfg", w.Subject);
        Assert.Equal("data[net-conf.json]", w.Field);
        Assert.Equal((2, 30), (w.Location?.Line, w.Location?.Column));
        Assert.Equal("vxlan", g.Flannel!.BackendType);
        Assert.Contains("node annotations", g.Flannel.Source);
        Assert.False(g.Flannel.DirectRouting);
    }

    [Fact]
    public void Build_NetConfFieldError_NamesTheField()
    {
        var g = Build(o =>
        {
            o.RemoveAll(x => x is ConfigMapInfo { Name: "kube-flannel-cfg" });
            o.Add(TopologyFixtures.ConfigMap("kube-flannel", "kube-flannel-cfg", "net-conf.json", """{"Network":"10.244.0.0/16","Backend":{"Type":"vxlan","DirectRouting":"yes"}}"""));
            return o;
        });

        var w = Assert.Single(g.Warnings, w => w.Code == WarningCode.NetConfInvalid);
        Assert.Equal("data[net-conf.json].Backend.DirectRouting", w.Field);
        Assert.Equal("ConfigMap/kube-flannel/kube-flannel-cfg", w.Subject);
    }

    [Fact]
    public void Build_NoNetConf_SaysWhereTheBackendCameFrom()
    {
        var g = Build(o => { o.RemoveAll(x => x is ConfigMapInfo { Name: "kube-flannel-cfg" }); return o; });

        Assert.Contains(g.Warnings, w => w.Code == WarningCode.NetConfMissing);
        Assert.Equal("vxlan", g.Flannel!.BackendType);
    }

    [Fact]
    public void Build_PodIpOutsideNodePodCidr_Warns()
    {
        var g = Build(o => { o.Add(TopologyFixtures.Pod("dev", "stray", "node01", "10.244.2.9")); return o; });

        var w = Assert.Single(g.Warnings, w => w.Code == WarningCode.PodIpOutsidePodCidr);
        Assert.Equal("Pod/dev/stray", w.Subject);
        Assert.Equal("pod/dev/stray", w.ElementId);
        Assert.Contains("10.244.1.0/24", w.Message);
    }

    [Fact]
    public void Build_OverlappingPodCidrs_WarnsOnce()
    {
        var g = Build(o => ReplaceNode(o, "node02", n => n with { PodCidrs = ["10.244.1.128/25"] }));

        var w = Assert.Single(g.Warnings, w => w.Code == WarningCode.PodCidrOverlap);
        Assert.Contains("node01", w.Message + w.Subject);
        Assert.Contains("node02", w.Message + w.Subject);
    }

    [Fact]
    public void Build_MissingPodCidr_Warns()
    {
        var g = Build(o => ReplaceNode(o, "node02", n => n with { PodCidrs = [] }));

        var w = Assert.Single(g.Warnings, w => w.Code == WarningCode.PodCidrMissing);
        Assert.Equal("Node/node02", w.Subject);
        Assert.Equal("spec.podCIDR", w.Field);
    }

    [Theory]
    [InlineData("10.244.2.0/33")]
    [InlineData("banana")]
    [InlineData("10.244.2.5/24")]
    public void Build_InvalidPodCidr_Warns(string cidr)
    {
        var g = Build(o => ReplaceNode(o, "node02", n => n with { PodCidrs = [cidr] }));

        Assert.Contains(g.Warnings, w => w.Code == WarningCode.PodCidrInvalid && w.Message.Contains(cidr, StringComparison.Ordinal));
    }

    [Fact]
    public void Build_PodCidrOutsideFlannelNetwork_Warns()
    {
        var g = Build(o => ReplaceNode(o, "node02", n => n with { PodCidrs = ["10.100.2.0/24"] }));

        Assert.Contains(g.Warnings, w => w.Code == WarningCode.PodCidrOutsideNetwork && w.Subject == "Node/node02");
    }

    [Theory]
    [InlineData(FlannelAnnotations.BackendType, null, WarningCode.FlannelAnnotationMissing)]
    [InlineData(FlannelAnnotations.BackendData, null, WarningCode.FlannelAnnotationMissing)]
    [InlineData(FlannelAnnotations.PublicIp, null, WarningCode.FlannelAnnotationMissing)]
    [InlineData(FlannelAnnotations.BackendData, "{\"VNI\":1,", WarningCode.FlannelAnnotationInvalid)]
    [InlineData(FlannelAnnotations.BackendData, "{\"VNI\":1,\"VtepMAC\":\"zz\"}", WarningCode.FlannelAnnotationInvalid)]
    [InlineData(FlannelAnnotations.PublicIp, "172.16.100", WarningCode.FlannelAnnotationInvalid)]
    public void Build_BadFlannelAnnotation_WarnsNamingTheAnnotation(string key, string? value, string code)
    {
        var g = Build(o => ReplaceNode(o, "node01", n => WithAnnotation(n, key, value)));

        var w = Assert.Single(g.Warnings, w => w.Code == code);
        Assert.Equal("Node/node01", w.Subject);
        Assert.Equal($"metadata.annotations[{key}]", w.Field);
    }

    [Fact]
    public void Build_NetConfBackendDiffersFromAnnotations_SaysFlannelWasNotRestarted()
    {
        var g = Build(o =>
        {
            o.RemoveAll(x => x is ConfigMapInfo { Name: "kube-flannel-cfg" });
            o.Add(TopologyFixtures.ConfigMap("kube-system", "kube-flannel-cfg", "net-conf.json", TopologyFixtures.NetConf("host-gw", false)));
            return o;
        });

        Assert.Contains(g.Warnings, w => w.Code == WarningCode.FlannelAnnotationInvalid && w.Message.Contains("not restarted", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_HostGwAcrossSubnets_WarnsPerNode()
    {
        var g = Build(o => ReplaceNode(o, "node02", n => n with { Addresses = [new NodeAddress("InternalIP", "192.168.50.3")] }), backend: "host-gw");

        var warnings = g.Warnings.Where(w => w.Code == WarningCode.HostGwCrossSubnet).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, w => w.Subject == "Node/master" && w.Message.Contains("node02", StringComparison.Ordinal));
        Assert.Contains(RoutePredictor.Predict(g, "master")!.Routes, r => r.Peer == "node02" && r.Note!.Contains("kernel rejects", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_HostGwOneSegment_NoCrossSubnetWarning()
    {
        Assert.DoesNotContain(TopologyFixtures.Demo(backend: "host-gw").Warnings, w => w.Code == WarningCode.HostGwCrossSubnet);
    }

    [Fact]
    public void Build_PoliciesWithFlannelOnly_WarnsNotEnforced()
    {
        var g = Build(o => { o.Add(new NetworkPolicyInfo { Namespace = "dev", Name = "deny-all-ingress" }); return o; });

        var w = Assert.Single(g.Warnings, w => w.Code == WarningCode.PolicyNotEnforced);
        Assert.Contains("flannel does not enforce", w.Message);
    }

    [Fact]
    public void Build_PoliciesWithCalico_NoNotEnforcedWarning()
    {
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(TopologyFixtures.CalicoObjects()));

        Assert.DoesNotContain(g.Warnings, w => w.Code == WarningCode.PolicyNotEnforced);
    }

    [Fact]
    public void Build_InvalidConfiguredSubnet_WarnsAndIgnoresIt()
    {
        var g = TopologyFixtures.Demo(TopologyFixtures.Subnets("172.16.100.0/24", "nonsense"));

        var w = Assert.Single(g.Warnings, w => w.Code == WarningCode.NodeSubnetInvalid);
        Assert.Equal("Topology:NodeSubnets", w.Field);
        Assert.Equal(NodeSubnetInfo.Configured, g.NodeSubnets.Source);
    }

    [Fact]
    public void Build_NodeWithoutAddress_Warns()
    {
        var g = Build(o => ReplaceNode(o, "node02", n => n with { Addresses = [] }));

        Assert.Contains(g.Warnings, w => w.Code == WarningCode.NodeIpMissing && w.Subject == "Node/node02");
    }

    [Fact]
    public void Build_PodOnUnknownNode_WarnsAndKeepsPodTopLevel()
    {
        var g = Build(o => { o.Add(TopologyFixtures.Pod("dev", "ghost", "node09", "10.244.9.2")); return o; });

        Assert.Contains(g.Warnings, w => w.Code == WarningCode.PodOnUnknownNode);
        Assert.Null(g.Element("pod/dev/ghost")!.Parent);
    }

    [Fact]
    public void ToString_IncludesCodeObjectFieldAndPosition()
    {
        var w = new TopologyWarning(WarningCode.NetConfInvalid, "error", "bad", "ConfigMap/kube-system/kube-flannel-cfg", "data[net-conf.json]", Line: 3, Column: 40);

        Assert.Equal("error [netconf-invalid] ConfigMap/kube-system/kube-flannel-cfg, field data[net-conf.json], line 3 column 40: bad", w.ToString());
    }
}
