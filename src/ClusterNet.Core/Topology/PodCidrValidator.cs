using ClusterNet.Core.Findings;
using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>podCIDR consistency: overlaps between nodes, podCIDRs outside flannel's Network, pod IPs outside their node's podCIDR.</summary>
internal static class PodCidrValidator
{
    public static void Check(ClusterSnapshot snapshot, ImmutableDictionary<string, NodeNetwork> nodes, CniDetection cni, FlannelSettings? flannel, List<Finding> warnings)
    {
        // Sorted by network start, an overlap always shows between neighbours that are still "open", so this is n log n.
        var sorted = nodes.Values.Where(n => n.PodCidr is not null).OrderBy(n => n.PodCidr!.Value.Network).ThenBy(n => n.Name, StringComparer.Ordinal).ToList();
        var open = new List<NodeNetwork>();
        foreach (var n in sorted)
        {
            var c = n.PodCidr!.Value;
            open.RemoveAll(o => o.PodCidr!.Value.Broadcast < c.Network);
            foreach (var o in open)
            {
                warnings.Add(TopologyFindings.Create(WarningCode.PodCidrOverlap, Severity.Error,
                    $"podCIDR {c} overlaps {o.PodCidr} of node {o.Name}: pods on both nodes can get the same IP and routes conflict",
                    $"Node/{n.Name}", "spec.podCIDR", ElementIds.Node(n.Name)));
            }

            open.Add(n);
        }

        if (flannel?.NetConf?.Config is { } conf)
        {
            foreach (var n in sorted.Where(n => !conf.Network.Contains(n.PodCidr!.Value)))
            {
                warnings.Add(TopologyFindings.Create(WarningCode.PodCidrOutsideNetwork, Severity.Warning,
                    $"podCIDR {n.PodCidr} is outside flannel's Network {conf.Network}: flanneld refuses to use it",
                    $"Node/{n.Name}", "spec.podCIDR", ElementIds.Node(n.Name)));
            }
        }

        // Calico's own IPAM hands out blocks regardless of podCIDR, so the check would be noise there.
        if (cni.Name == CniName.Calico)
        {
            return;
        }

        foreach (var pod in snapshot.Pods)
        {
            if (pod.HostNetwork || pod.NodeName is null || pod.PodIp is not { } ipText || !nodes.TryGetValue(pod.NodeName, out var node) || node.PodCidr is not { } cidr)
            {
                continue;
            }

            if (Ipv4Cidr.TryParseAddress(ipText, out var ip) && !cidr.Contains(ip))
            {
                warnings.Add(TopologyFindings.Create(WarningCode.PodIpOutsidePodCidr, Severity.Warning,
                    $"pod IP {ipText} is outside podCIDR {cidr} of its node {node.Name}: replies and peers route it to another node",
                    $"Pod/{pod.Namespace}/{pod.Name}", "status.podIP", ElementIds.Pod(pod.Namespace, pod.Name)));
            }
        }
    }
}
