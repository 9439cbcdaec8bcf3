using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Details;
using ClusterNet.Web.Components.Topology;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Topology;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Topology;

/// <summary>The pod panel lists a pod's Multus interfaces, says NetworkPolicy does not apply, and lists MultiNetworkPolicies as not evaluated.</summary>
public sealed class SecondaryInterfaceListTests : ShellTestContext
{
    private const string Status = """
        [{"name":"cbr0","interface":"eth0","ips":["10.244.1.2"],"default":true},
         {"name":"dev/macvlan-conf","interface":"net1","ips":["192.168.1.200"],"mac":"c2:11:22:33:44:55"},
         {"name":"dev/sriov-net","interface":"net2","ips":["10.56.217.10"],"device-info":{"type":"pci","pci":{"pci-address":"0000:3b:02.1"}}}]
        """;

    private readonly ClusterSnapshot _snapshot;

    public SecondaryInterfaceListTests()
    {
        Services.AddOptions<TopologySettings>();
        Services.AddSingleton<TopologyService>();
        var demo = TopologyTestData.DemoSnapshot();
        var pod1 = demo.Pods.Get("dev", "pod1")!;
        _snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "multus"),
        [
            .. demo.Nodes, .. demo.Namespaces, .. demo.Workloads, .. demo.ConfigMaps,
            .. demo.Pods.Where(p => p.Key != pod1.Key),
            pod1 with { Annotations = LabelMap.Of(("k8s.v1.cni.cncf.io/networks", "macvlan-conf, sriov-net"), ("k8s.v1.cni.cncf.io/network-status", Status)) },
            new NetworkAttachmentDefinitionInfo { Namespace = "dev", Name = "macvlan-conf", CniType = "macvlan", Master = "ens1f0", Mode = "bridge" },
            new NetworkAttachmentDefinitionInfo { Namespace = "dev", Name = "sriov-net", CniType = "sriov", ResourceName = "intel.com/intel_sriov_netdevice" },
            new MultiNetworkPolicyInfo
            {
                Namespace = "dev", Name = "macvlan-ingress", PolicyFor = ["macvlan-conf"], PolicyTypes = ["Ingress"],
                PodSelector = new LabelSelector { MatchLabels = LabelMap.Of(("app", "myapp")) },
            },
        ]);
    }

    [Fact]
    public void PodDrawer_PodWithMacvlanAndSriov_ListsBothInterfacesThePolicyNoteAndTheMultiNetworkPolicy()
    {
        var cut = Render<PodDetails>(p => p.Add(d => d.Target, ObjectRef.Pod("dev", "pod1")).Add(d => d.Snapshot, _snapshot));

        var items = cut.FindAll("[data-testid=pod-secondary-interface]");
        Assert.Equal(["net1", "net2"], items.Select(i => i.GetAttribute("data-interface")));
        Assert.Contains("macvlan bridge on ens1f0", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("192.168.1.200", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("SR-IOV VF 0000:3b:02.1 from intel.com/intel_sriov_netdevice", items[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("NetworkPolicy does not apply to secondary networks", cut.Find("[data-testid=pod-secondary-policy-note]").TextContent, StringComparison.Ordinal);
        var mnp = cut.Find("[data-testid=pod-multi-network-policies]").TextContent;
        Assert.Contains("not evaluated", mnp, StringComparison.Ordinal);
        Assert.Contains("dev/macvlan-ingress", mnp, StringComparison.Ordinal);
    }

    [Fact]
    public void TopologyPodPanel_PodWithSecondaryInterfaces_ListsThem()
    {
        var cut = Render<TopologyElementDetails>(p => p.Add(x => x.Target, TopologyRef.Of("pod/dev/pod1")).Add(x => x.Snapshot, _snapshot));

        Assert.Equal(2, cut.FindAll("[data-testid=pod-secondary-interface]").Count);
        Assert.Contains("net1 192.168.1.200", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void PodDrawer_PodWithoutMultusAnnotations_ShowsNoSecondarySection()
    {
        var cut = Render<PodDetails>(p => p.Add(d => d.Target, ObjectRef.Pod("prod", "pod1")).Add(d => d.Snapshot, _snapshot));

        Assert.Empty(cut.FindAll("[data-testid=pod-secondary-interfaces]"));
        Assert.Empty(cut.FindAll("[data-testid=pod-secondary-policy-note]"));
    }
}
