using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Predicts a node's <c>ip route</c> and <c>ip link</c> from the graph's facts, following what each plugin installs
/// (domain.md §2–4). Computed per node on demand: 500 nodes × 499 peer routes are not worth holding in every graph.
/// </summary>
public static class RoutePredictor
{
    public static NodeRouteTable? Predict(TopologyGraph graph, string nodeName)
    {
        if (!graph.Nodes.TryGetValue(nodeName, out var local))
        {
            return null;
        }

        var nic = graph.Options.NicRouteName;
        var notes = new List<string>();
        if (graph.Options.NicNameIsGuess)
        {
            notes.Add("the NIC's name is not in the Kubernetes API: eth0 is a guess (set Topology:NicName)");
        }

        notes.Add(graph.NodeSubnets.Note);
        if (graph.Flannel is { } fs)
        {
            notes.Add($"flannel backend {fs.BackendType}{(fs.DirectRouting ? " + DirectRouting" : "")} from {fs.Source}");
        }

        if (graph.Calico is { } cs)
        {
            notes.Add($"calico pools from {CalicoPoolSources.Word(cs.PoolSource)}, backend {cs.Backend}, pod MTU {graph.PodMtu}");
            notes.AddRange(cs.Notes);
        }

        notes.Add("the default gateway is not in the Kubernetes API (shown as ?)");

        var pods = graph.Snapshot.Pods.Where(p => p.NodeName == nodeName && !p.HostNetwork).ToList();
        var routes = new List<RouteEntry>
        {
            new() { Destination = "default", Via = "?", Dev = nic, Proto = "static", Note = "gateway not known from the API" },
        };

        var cni = graph.Cni.Name;
        var bridge = DataPlane.BridgeName(cni);
        if (local.PodCidr is { } own)
        {
            if (bridge is not null)
            {
                routes.Add(new RouteEntry
                {
                    Destination = own.ToString(), Dev = bridge, Proto = "kernel", Scope = "link", Src = Ipv4Cidr.FormatAddress(own.Network + 1),
                    Note = "local pods, on the bridge",
                });
            }
            else if (cni == CniName.Calico)
            {
                // calico's local blocks come from CalicoBlocks below.
            }
        }

        if (cni is CniName.Calico or CniName.Canal)
        {
            if (cni == CniName.Calico)
            {
                foreach (var block in local.CalicoBlocks)
                {
                    // BIRD installs the blackhole of a block it announces; with VXLAN pools Felix does (proto 80).
                    var vxlanBlock = graph.Calico?.PoolFor(block.Network) is { } bp && bp.VxlanMode != "Never";
                    routes.Add(new RouteEntry
                    {
                        Destination = block.ToString(), Type = "blackhole", Proto = CalicoSettings.RouteProto(vxlanBlock || graph.Calico?.Backend != CalicoBackends.Bird),
                        Note = "this node's IPAM block: unknown addresses are dropped here",
                    });
                }
            }

            foreach (var pod in pods.Where(p => p.PodIp is not null && !p.PodIp.Contains(':', StringComparison.Ordinal)))
            {
                routes.Add(new RouteEntry
                {
                    Destination = pod.PodIp!, Dev = CalicoNaming.VethName(pod.Namespace, pod.Name), Scope = "link",
                    Note = $"pod {pod.Namespace}/{pod.Name}",
                });
            }
        }

        var udpDone = false;
        foreach (var peer in graph.Nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (peer.Name == nodeName)
            {
                continue;
            }

            var path = PathPlanner.Between(graph, local, peer);
            if (path.Mode == "udp")
            {
                if (!udpDone && graph.Flannel?.NetConf?.Config is { } conf && local.PodCidr is { } pc)
                {
                    routes.Add(new RouteEntry
                    {
                        Destination = conf.Network.ToString(), Dev = "flannel0", Proto = "kernel", Scope = "link", Src = Ipv4Cidr.FormatAddress(pc.Network),
                        Note = "udp backend: the whole pod network goes to the flannel0 TUN device; flanneld picks the peer",
                    });
                }

                udpDone = true;
                continue;
            }

            var destinations = cni == CniName.Calico ? peer.CalicoBlocks : (peer.PodCidr is { } p ? [p] : ImmutableArray<Ipv4Cidr>.Empty);
            foreach (var dest in destinations)
            {
                var blockPath = cni == CniName.Calico ? PathPlanner.Between(graph, local, peer, dest.Network) : path;
                routes.Add(new RouteEntry
                {
                    Destination = dest.ToString(), Via = blockPath.Via ?? "?", Dev = blockPath.Device, Onlink = blockPath.Onlink, Proto = blockPath.Proto,
                    Peer = peer.Name, Note = blockPath.Note,
                });
            }
        }

        if (local.Segment is { } seg && local.NodeIp is not null)
        {
            routes.Add(new RouteEntry
            {
                Destination = seg.ToString(), Dev = nic, Proto = "kernel", Scope = "link", Src = local.NodeIp,
                Note = local.SegmentInferred ? "node segment inferred from node IPs" : "node segment from Topology:NodeSubnets",
            });
        }

        var sorted = routes
            .OrderBy(r => r.Destination == "default" ? 0 : 1)
            .ThenBy(r => SortKey(r.Destination).Address)
            .ThenBy(r => SortKey(r.Destination).PrefixLength)
            .ToImmutableArray();
        return new NodeRouteTable(nodeName, sorted, LinkPredictor.Predict(graph, local, pods), [.. notes]);
    }

    private static Ipv4Cidr SortKey(string destination) =>
        Ipv4Cidr.TryParse(destination, out var c) ? c.Normalized
        : Ipv4Cidr.TryParseAddress(destination, out var a) ? new Ipv4Cidr(a, 32)
        : default;
}
