using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;
using ClusterNet.Core.Topology.Multus;

namespace ClusterNet.Core.Tests.Topology.Multus;

public sealed class SecondaryNetworkTopologyTests
{
    private static TopologyGraph Build(List<IClusterObject> objects, TopologyOptions? options = null) =>
        TopologyBuilder.Build(TopologyFixtures.Snapshot(objects), options);

    [Fact]
    public void Build_MacvlanFromNetworkStatus_DrawsNet1OnThePodAndTheParentNicOnTheNode()
    {
        var graph = Build(MultusFixtures.Objects());

        var net1 = graph.Element("sec/dev/pod-a/net1")!;
        Assert.Equal((ElementKind.SecondaryInterface, "net1 192.168.1.200", "node/node01", "node01"), (net1.Kind, net1.Label, net1.Parent, net1.Node));
        Assert.Equal(("dev/macvlan-conf", "macvlan", "bridge", "ens1f0", "c2:11:22:33:44:55"), (net1.Data["network"], net1.Data["cni"], net1.Data["mode"], net1.Data["master"], net1.Data["mac"]));
        Assert.Contains("NetworkPolicy does not apply", net1.Data["policy"], StringComparison.Ordinal);
        var parent = graph.Element("dev/node01/parent/ens1f0")!;
        Assert.Equal((ElementKind.ParentNic, "ens1f0", "node/node01"), (parent.Kind, parent.Label, parent.Parent));
        Assert.Contains(graph.Edges, e => e.Kind == EdgeKind.SecondaryAttachment && e.Source == "pod/dev/pod-a" && e.Target == net1.Id && e.Label == "net1");
        Assert.Contains(graph.Edges, e => e.Kind == EdgeKind.SecondaryParent && e.Source == net1.Id && e.Target == parent.Id && e.Label == "macvlan bridge");
        Assert.Equal("net1 macvlan bridge on ens1f0 (dev/macvlan-conf) 192.168.1.200", graph.Element("pod/dev/pod-a")!.Data["secondaryInterfaces"]);
        // The primary interface (eth0, default) is not a secondary one.
        Assert.DoesNotContain(graph.Elements, e => e.Id == "sec/dev/pod-a/eth0");
    }

    [Fact]
    public void Build_IpvlanRequestedWithoutStatus_UsesTheRequestedInterfaceName()
    {
        var graph = Build(MultusFixtures.Objects());

        var data0 = graph.Element("sec/dev/pod-c/data0")!;
        Assert.Equal(("ipvlan", "l2", "eth1"), (data0.Data["cni"], data0.Data["mode"], data0.Data["master"]));
        Assert.Contains("requested", data0.Data["source"], StringComparison.Ordinal);
        Assert.Contains(graph.Edges, e => e.Source == data0.Id && e.Target == "dev/node01/parent/eth1" && e.Label == "ipvlan l2");
    }

    [Fact]
    public void Build_Sriov_DrawsTheVfByPciAddressWithItsResource()
    {
        var graph = Build(MultusFixtures.Objects());

        var vf = graph.Element("dev/node02/vf/0000:3b:02.1")!;
        Assert.Equal((ElementKind.VirtualFunction, "VF 0000:3b:02.1", "intel.com/intel_sriov_netdevice", "100"), (vf.Kind, vf.Label, vf.Data["resourceName"], vf.Data["vlan"]));
        Assert.Contains(graph.Edges, e => e.Kind == EdgeKind.SecondaryParent && e.Source == "sec/prod/pod-b/net1" && e.Target == vf.Id && e.Label == "SR-IOV VF");
        Assert.Equal("0000:3b:02.1", graph.Element("sec/prod/pod-b/net1")!.Data["pci"]);
    }

    [Fact]
    public void Build_MasterIsTheConfiguredNic_EdgeGoesToTheNicElement()
    {
        var graph = Build(MultusFixtures.Objects(), new TopologyOptions { NicName = "ens1f0" });

        Assert.Null(graph.Element("dev/node01/parent/ens1f0"));
        Assert.Contains(graph.Edges, e => e.Source == "sec/dev/pod-a/net1" && e.Target == ElementIds.Nic("node01"));
    }

    [Fact]
    public void Build_SecondaryNetworks_FindingSaysNetworkPolicyDoesNotApplyAndListsMultiNetworkPolicyAsNotEvaluated()
    {
        var graph = Build(MultusFixtures.Objects());

        var macvlan = Assert.Single(graph.Warnings, w => w.Code == WarningCode.SecondaryNetworkUnpoliced && w.Subject == "NetworkAttachmentDefinition/dev/macvlan-conf");
        Assert.Equal(Severity.Warning, macvlan.Severity);
        Assert.StartsWith("NetworkPolicy does not apply to macvlan network dev/macvlan-conf", macvlan.Message, StringComparison.Ordinal);
        Assert.Contains("MultiNetworkPolicy dev/macvlan-ingress name it (read and shown, not evaluated here", macvlan.Message, StringComparison.Ordinal);
        Assert.Equal(["dev/pod-a"], macvlan.Affected.ToArray());
        var sriov = Assert.Single(graph.Warnings, w => w.Code == WarningCode.SecondaryNetworkUnpoliced && w.Subject == "NetworkAttachmentDefinition/prod/sriov-net");
        Assert.Contains("SR-IOV network prod/sriov-net", sriov.Message, StringComparison.Ordinal);
        Assert.Contains("no MultiNetworkPolicy names it", sriov.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutAnyNetworkPolicy_TheFindingIsInformational()
    {
        var graph = Build(MultusFixtures.Objects(withPolicy: false));

        Assert.All(graph.Warnings.Where(w => w.Code == WarningCode.SecondaryNetworkUnpoliced), w => Assert.Equal(Severity.Info, w.Severity));
    }

    [Theory]
    [InlineData("k8s.v1.cni.cncf.io/network-status", "[{\"name\": \"dev/macvlan-conf\", ", "network-status annotation not read (invalid JSON at line 1")]
    [InlineData("k8s.v1.cni.cncf.io/network-status", "{\"name\":\"x\"}", "expected a JSON list")]
    [InlineData("k8s.v1.cni.cncf.io/networks", "dev/", "networks annotation not read (\"dev/\" is not NAME")]
    public void Build_MalformedAnnotation_FindingNamesPodAndFieldAndTheRestLoads(string key, string value, string expected)
    {
        var objects = MultusFixtures.Objects();
        var i = objects.FindIndex(o => o is PodInfo { Name: "pod-a" });
        objects[i] = MultusFixtures.WithAnnotations((PodInfo)objects[i], (key, value));

        var graph = Build(objects);

        var finding = Assert.Single(graph.Warnings, w => w.Code == WarningCode.NetworkStatusInvalid);
        Assert.Equal(("Pod/dev/pod-a", $"metadata.annotations[{key}]"), (finding.Subject, finding.Field));
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.NotNull(graph.Element("sec/prod/pod-b/net1"));
        Assert.NotNull(graph.Element("pod/dev/pod-a"));
    }

    [Fact]
    public void Build_NadWithBrokenConfigAndMissingNad_AreFindingsAndInterfacesStillDrawn()
    {
        var objects = MultusFixtures.Objects();
        objects.Remove(objects.OfType<NetworkAttachmentDefinitionInfo>().Single(n => n.Name == "ipvlan-l2"));
        var m = objects.FindIndex(o => o is NetworkAttachmentDefinitionInfo { Name: "macvlan-conf" });
        objects[m] = new NetworkAttachmentDefinitionInfo { Namespace = "dev", Name = "macvlan-conf", ConfigError = "invalid JSON at line 1, column 40" };

        var graph = Build(objects);

        var broken = Assert.Single(graph.Warnings, w => w.Code == WarningCode.NetworkAttachmentConfigInvalid);
        Assert.Equal(("NetworkAttachmentDefinition/dev/macvlan-conf", "spec.config"), (broken.Subject, broken.Field));
        var missing = Assert.Single(graph.Warnings, w => w.Code == WarningCode.NetworkAttachmentMissing);
        Assert.Equal("Pod/dev/pod-c", missing.Subject);
        Assert.Contains("dev/ipvlan-l2", missing.Message, StringComparison.Ordinal);
        Assert.Equal("unknown (config not read)", graph.Element("sec/dev/pod-a/net1")!.Data["cni"]);
        Assert.Equal("unknown (no NetworkAttachmentDefinition)", graph.Element("sec/dev/pod-c/data0")!.Data["cni"]);
        Assert.DoesNotContain(graph.Elements, e => e.Kind == ElementKind.ParentNic && e.Node == "node01");
    }

    [Fact]
    public void Build_NoMultusAnnotations_AddsNothing()
    {
        var graph = TopologyFixtures.Demo();

        Assert.DoesNotContain(graph.Elements, e => e.Kind is ElementKind.SecondaryInterface or ElementKind.ParentNic or ElementKind.VirtualFunction);
        Assert.DoesNotContain(graph.Warnings, w => w.Code == WarningCode.SecondaryNetworkUnpoliced);
        Assert.True(graph.Secondary.ByPod.IsEmpty);
    }

    [Fact]
    public void PoliciesFor_Pod_SelectsByNetworkAndPodSelector()
    {
        var snapshot = TopologyFixtures.Snapshot(MultusFixtures.Objects());
        var podA = snapshot.Pods.Get("dev", "pod-a")!;
        var podC = snapshot.Pods.Get("dev", "pod-c")!;

        Assert.Equal(["macvlan-ingress"], SecondaryNetworkReader.PoliciesFor(snapshot, podA, SecondaryNetworkReader.ForPod(snapshot, podA)).Select(p => p.Name).ToArray());
        Assert.Empty(SecondaryNetworkReader.PoliciesFor(snapshot, podC, SecondaryNetworkReader.ForPod(snapshot, podC)));
    }
}
