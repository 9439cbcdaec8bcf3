using ClusterNet.Core.Facts;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>Pod networks are computed once (ClusterFacts) and the policy lint reads them from there.</summary>
public sealed class PolicyFactsTests
{
    private static ClusterSnapshot Snapshot(params IClusterObject[] objects) => ClusterSnapshot.Create(new SourceInfo("file", "t"), objects);

    [Fact]
    public void PodNetworks_NodeCidrsIpPoolsAndFlannelNetConf_SkipsMalformed()
    {
        var facts = ClusterFacts.Of(Snapshot(
            new NodeInfo { Name = "n1", PodCidrs = ["10.244.1.0/24", "bogus"] },
            new IpPoolInfo { Name = "default", Cidr = "192.168.0.0/16" },
            new ConfigMapInfo { Namespace = "kube-flannel", Name = "kube-flannel-cfg", Data = LabelMap.Of(("net-conf.json", "{ \"Network\": \"10.244.0.0/16\" }")) },
            // flannel's own JSON reader refuses a trailing comma, so the one net-conf.json parser does too: no range from it.
            new ConfigMapInfo { Namespace = "third", Name = "kube-flannel-cfg", Data = LabelMap.Of(("net-conf.json", "{ \"Network\": \"10.9.0.0/16\", }")) },
            new ConfigMapInfo { Namespace = "other", Name = "kube-flannel-cfg", Data = LabelMap.Of(("net-conf.json", "{ not json")) }));
        Assert.Equal(["10.244.1.0/24", "192.168.0.0/16", "10.244.0.0/16"], facts.PodNetworks.ToArray());
    }

    [Fact]
    public void Lint_IpBlockOverPodNetworkFromFacts_WarningFindingInPolicyArea()
    {
        var snapshot = ClusterSnapshot.Create(new SourceInfo("file", "t"), NotesCluster.Objects(NotesCluster.Allow80Ingress));
        var f = PolicyLinter.Lint(PolicyEngine.Build(snapshot)).Single(x => x.Code == "ipblock-overlaps-pod-network");
        Assert.Equal(FindingArea.Policy, f.Area);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("NetworkPolicy dev/allow-80-ingress", f.Subject);
        Assert.Contains(ClusterFacts.Of(snapshot).PodNetworks[0], f.Message);
        Assert.Equal("Select pods by label instead", Assert.Single(f.Fixes).Title);
    }
}
