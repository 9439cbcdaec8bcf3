using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

public class CniDetectorTests
{
    public static TheoryData<string, string, string> DaemonSets => new()
    {
        { "kube-flannel-ds", CniName.Flannel, "DaemonSet kube-system/kube-flannel-ds" },
        { "calico-node", CniName.Calico, "DaemonSet kube-system/calico-node" },
        { "canal", CniName.Canal, "DaemonSet kube-system/canal" },
        { "kube-router", CniName.KubeRouter, "DaemonSet kube-system/kube-router" },
        { "cilium", CniName.Cilium, "DaemonSet kube-system/cilium" },
    };

    [Theory]
    [MemberData(nameof(DaemonSets))]
    public void Detect_DaemonSet_NamesPluginAndSignal(string daemonSet, string expected, string signal)
    {
        var result = CniDetector.Detect(TopologyFixtures.Snapshot([TopologyFixtures.DaemonSet("kube-system", daemonSet)]));

        Assert.Equal(expected, result.Name);
        Assert.Contains(signal, result.Signals);
    }

    [Theory]
    [InlineData(CniName.Flannel, false)]
    [InlineData(CniName.Calico, true)]
    [InlineData(CniName.Canal, true)]
    [InlineData(CniName.KubeRouter, true)]
    [InlineData(CniName.Cilium, true)]
    public void Detect_Plugin_KnowsWhetherItEnforcesPolicy(string cni, bool enforces)
    {
        var ds = cni switch { CniName.Flannel => "kube-flannel-ds", CniName.Calico => "calico-node", _ => cni };

        Assert.Equal(enforces, CniDetector.Detect(TopologyFixtures.Snapshot([TopologyFixtures.DaemonSet("kube-system", ds)])).EnforcesPolicy);
    }

    [Fact]
    public void Detect_OnlyNodeAnnotations_IsFlannelWithCount()
    {
        var node = TopologyFixtures.FlannelNode("n1", "10.0.0.1", "10.244.0.0/24", TopologyFixtures.MasterMac);

        var result = CniDetector.Detect(TopologyFixtures.Snapshot([node]));

        Assert.Equal(CniName.Flannel, result.Name);
        Assert.Contains("flannel annotations on 1 of 1 node(s)", result.Signals);
    }

    [Fact]
    public void Detect_OnlyDaemonSetPods_CountOncePerDaemonSet()
    {
        var pods = Enumerable.Range(1, 3).Select(i => (IClusterObject)(TopologyFixtures.Pod("kube-system", $"calico-node-{i}", "n1", "10.0.0.1", true) with { Owner = new OwnerRef("DaemonSet", "calico-node") }));

        var result = CniDetector.Detect(TopologyFixtures.Snapshot(pods));

        Assert.Equal(CniName.Calico, result.Name);
        Assert.Single(result.Signals);
    }

    [Fact]
    public void Detect_IpPoolsOnly_IsCalico()
    {
        var result = CniDetector.Detect(TopologyFixtures.Snapshot([new IpPoolInfo { Name = "p", Cidr = "10.0.0.0/16" }]));

        Assert.Equal(CniName.Calico, result.Name);
        Assert.Contains("1 Calico IPPool(s)", result.Signals);
    }

    [Fact]
    public void Detect_FlannelAndCalicoSignals_IsCanal()
    {
        var result = CniDetector.Detect(TopologyFixtures.Snapshot([TopologyFixtures.DaemonSet("kube-system", "calico-node"), TopologyFixtures.DaemonSet("kube-system", "kube-flannel-ds")]));

        Assert.Equal(CniName.Canal, result.Name);
        Assert.Contains(result.Signals, s => s.Contains("treated as canal", StringComparison.Ordinal));
    }

    [Fact]
    public void Detect_Nothing_IsUnknownAndSaysWhy()
    {
        var result = CniDetector.Detect(TopologyFixtures.Snapshot([]));

        Assert.Equal(CniName.Unknown, result.Name);
        Assert.Null(result.EnforcesPolicy);
        Assert.Single(result.Signals);
    }
}
