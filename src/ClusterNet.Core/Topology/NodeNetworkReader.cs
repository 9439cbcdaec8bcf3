using ClusterNet.Core.Findings;
using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>Validates node addresses, podCIDRs, annotations and segments into <see cref="NodeNetwork"/>s, collecting warnings.</summary>
internal static class NodeNetworkReader
{
    public static (ImmutableDictionary<string, NodeNetwork> Nodes, NodeSubnetInfo Subnets) Read(
        ClusterSnapshot snapshot, TopologyOptions options, CniDetection cni, FlannelSettings? flannel, CalicoSettings? calico, List<Finding> warnings)
    {
        var segments = ReadConfiguredSegments(options, warnings);
        var podsByNode = snapshot.Pods.Where(p => p.NodeName is not null && !p.HostNetwork).ToLookup(p => p.NodeName!, StringComparer.Ordinal);
        var podCidrMatters = cni.Name is not CniName.Calico;
        var result = ImmutableDictionary.CreateBuilder<string, NodeNetwork>(StringComparer.Ordinal);
        var inferredAny = false;

        foreach (var node in snapshot.Nodes)
        {
            var obj = $"Node/{node.Name}";
            var id = ElementIds.Node(node.Name);
            var nodeIp = node.InternalIp;
            uint ipValue = 0;
            if (nodeIp is null || !Ipv4Cidr.TryParseAddress(nodeIp, out ipValue))
            {
                warnings.Add(TopologyFindings.Create(WarningCode.NodeIpMissing, Severity.Warning,
                    nodeIp is null ? "no InternalIP or ExternalIP address: tunnels and routes to this node cannot be predicted" : $"'{nodeIp}' is not an IPv4 address",
                    obj, "status.addresses", id));
                nodeIp = null;
            }

            Ipv4Cidr? podCidr = null;
            var v4 = node.PodCidrs.FirstOrDefault(c => !c.Contains(':', StringComparison.Ordinal));
            if (v4 is null)
            {
                if (podCidrMatters)
                {
                    warnings.Add(TopologyFindings.Create(WarningCode.PodCidrMissing, Severity.Warning,
                        "no IPv4 spec.podCIDR: flannel cannot lease a subnet for this node (kube-controller-manager needs --allocate-node-cidrs, or the node joined before it was set)",
                        obj, "spec.podCIDR", id));
                }
            }
            else if (!Ipv4Cidr.TryParse(v4, out var parsed))
            {
                warnings.Add(TopologyFindings.Create(WarningCode.PodCidrInvalid, Severity.Warning, $"'{v4}' is not an IPv4 CIDR", obj, "spec.podCIDR", id));
            }
            else
            {
                if (parsed.HasHostBits)
                {
                    warnings.Add(TopologyFindings.Create(WarningCode.PodCidrInvalid, Severity.Warning,
                        $"'{v4}' has host bits set; the network is {parsed.Normalized}", obj, "spec.podCIDR", id));
                }

                podCidr = parsed.Normalized;
            }

            var flannelAnn = flannel is not null ? FlannelAnnotations.Read(node, flannel.BackendType, warnings) : null;
            var publicIp = flannelAnn?.PublicIp ?? nodeIp;

            Ipv4Cidr? segment = null;
            var inferred = false;
            if (nodeIp is not null)
            {
                if (!segments.IsEmpty)
                {
                    segment = segments.Where(s => s.Contains(ipValue)).OrderByDescending(s => s.PrefixLength).Cast<Ipv4Cidr?>().FirstOrDefault();
                }
                else
                {
                    segment = new Ipv4Cidr(ipValue, options.InferredPrefixLength).Normalized;
                    inferred = inferredAny = true;
                }
            }

            var blocks = ImmutableArray<Ipv4Cidr>.Empty;
            if (calico is not null)
            {
                var size = calico.BlockSize;
                blocks = [.. podsByNode[node.Name]
                    .Select(p => p.PodIp is { } ip && Ipv4Cidr.TryParseAddress(ip, out var u) ? new Ipv4Cidr(u, size).Normalized : (Ipv4Cidr?)null)
                    .OfType<Ipv4Cidr>().Distinct().OrderBy(b => b.Network)];
                if (blocks.IsEmpty && podCidr is { } pc)
                {
                    blocks = [pc];
                }
            }

            node.Annotations.TryGetValue(CalicoNaming.IpipAnnotation, out var ipipAddr);
            node.Annotations.TryGetValue(CalicoNaming.VxlanAnnotation, out var vxlanAddr);
            node.Annotations.TryGetValue(CalicoNaming.VxlanMacAnnotation, out var vxlanMac);
            node.Annotations.TryGetValue("io.cilium.network.ipv4-cilium-host", out var ciliumHost);
            result[node.Name] = new NodeNetwork
            {
                Name = node.Name,
                NodeIp = nodeIp,
                PublicIp = publicIp,
                PodCidr = podCidr,
                Segment = segment,
                SegmentInferred = inferred,
                Flannel = flannelAnn,
                CalicoIpipAddress = ipipAddr,
                CalicoVxlanAddress = vxlanAddr,
                CalicoVxlanMac = vxlanMac,
                CalicoBlocks = blocks,
                CiliumHostIp = ciliumHost,
                RouteReflector = node.Annotations.ContainsKey(CalicoNaming.RouteReflectorAnnotation)
                    || (node.Labels.TryGetValue("route-reflector", out var rr) && rr == "true"),
            };
        }

        var info = !segments.IsEmpty
            ? new NodeSubnetInfo(NodeSubnetInfo.Configured, $"node segments from Topology:NodeSubnets ({string.Join(", ", segments)})")
            : new NodeSubnetInfo(NodeSubnetInfo.Inferred,
                $"inferred: nodes whose IPs share a /{options.InferredPrefixLength} are assumed to be on one L2 segment (the API does not say; set Topology:NodeSubnets)");
        if (inferredAny)
        {
            warnings.Add(TopologyFindings.Create(WarningCode.NodeSubnetInferred, Severity.Info, info.Note));
        }

        return (result.ToImmutable(), info);
    }

    private static ImmutableArray<Ipv4Cidr> ReadConfiguredSegments(TopologyOptions options, List<Finding> warnings)
    {
        var list = new List<Ipv4Cidr>();
        foreach (var s in options.NodeSubnets.IsDefault ? [] : options.NodeSubnets)
        {
            if (Ipv4Cidr.TryParse(s?.Trim(), out var c))
            {
                list.Add(c.Normalized);
            }
            else
            {
                warnings.Add(TopologyFindings.Create(WarningCode.NodeSubnetInvalid, Severity.Warning,
                    $"'{s}' is not an IPv4 CIDR; ignored", "configuration", "Topology:NodeSubnets"));
            }
        }

        return [.. list];
    }
}
