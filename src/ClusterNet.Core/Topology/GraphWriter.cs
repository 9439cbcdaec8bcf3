using ClusterNet.Core.Findings;
using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>Turns the validated facts of a <see cref="TopologyGraph"/> into elements and edges (the builder's drawing half).</summary>
internal sealed class GraphWriter(TopologyGraph graph, List<TopologyElement> elements, List<TopologyEdge> edges)
{
    private readonly HashSet<string> _nodeIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _podLinkTarget = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pods = new(StringComparer.Ordinal);
    private string? _podMtuText;
    private string? _nicMtuText;
    private List<string>? _vips;
    private string? _vipText;
    private TopologyOptions Options => graph.Options;
    private string Cni => graph.Cni.Name;

    public void AddSegments()
    {
        foreach (var seg in graph.Nodes.Values.Select(n => n.Segment).OfType<Ipv4Cidr>().Distinct().OrderBy(s => s.Network))
        {
            var inferred = graph.NodeSubnets.Source == NodeSubnetInfo.Inferred;
            elements.Add(new TopologyElement
            {
                Id = ElementIds.Segment(seg.ToString()),
                Kind = ElementKind.Segment,
                Label = inferred ? $"{seg} (inferred)" : seg.ToString(),
                Data = Map(("cidr", seg.ToString()), ("source", graph.NodeSubnets.Source), ("note", graph.NodeSubnets.Note)),
            });
        }
    }

    public void AddNode(NodeInfo node)
    {
        var net = graph.Nodes[node.Name];
        var nodeId = ElementIds.Node(node.Name);
        _nodeIds.Add(node.Name);
        elements.Add(new TopologyElement
        {
            Id = nodeId,
            Kind = ElementKind.Node,
            Label = node.Name,
            Node = node.Name,
            Data = Map(
                ("internalIP", net.NodeIp), ("publicIP", net.PublicIp != net.NodeIp ? net.PublicIp : null), ("podCIDR", net.PodCidr?.ToString()),
                ("segment", net.Segment is { } s ? s + (net.SegmentInferred ? " (inferred)" : "") : null),
                ("ready", node.Ready is { } r ? (r ? "true" : "false") : "unknown"), ("kernel", Empty(node.KernelVersion)),
                ("os", Empty(node.OsImage)), ("kubelet", Empty(node.KubeletVersion)), ("runtime", Empty(node.ContainerRuntimeVersion)),
                ("flannelBackend", net.Flannel?.BackendType), ("vtepMAC", net.Flannel?.VtepMac)),
            Labels = Labels(node.Labels),
        });

        var nicId = ElementIds.Nic(node.Name);
        elements.Add(new TopologyElement
        {
            Id = nicId,
            Kind = ElementKind.Nic,
            Label = net.NodeIp is null ? Options.NicDisplayName : $"{Options.NicDisplayName} {net.NodeIp}",
            Parent = nodeId,
            Node = node.Name,
            Data = Map(("device", Options.NicDisplayName), ("ip", net.NodeIp), ("mtu", TopologyBuilder.Num(Options.NicMtu)),
                ("note", Options.NicNameIsGuess ? "the device name is not in the Kubernetes API; eth0 is a guess (set Topology:NicName)" : null)),
        });
        if (net.Segment is { } seg)
        {
            AddEdge(EdgeKind.Underlay, nicId, ElementIds.Segment(seg.ToString()), seg.ToString());
        }

        var bridge = DataPlane.BridgeName(Cni);
        if (bridge is not null)
        {
            var gw = net.PodCidr is { } pc ? $"{Ipv4Cidr.FormatAddress(pc.Network + 1)}/{pc.PrefixLength}" : null;
            elements.Add(new TopologyElement
            {
                Id = ElementIds.Device(node.Name, ElementIds.BridgeRole),
                Kind = ElementKind.Bridge,
                Label = gw is null ? bridge : $"{bridge} {gw}",
                Parent = nodeId,
                Node = node.Name,
                Data = Map(("device", bridge), ("address", gw), ("mtu", TopologyBuilder.Num(graph.PodMtu)),
                    ("note", "pods use the bridge address as their default gateway")),
            });
        }

        AddTunnelDevices(node.Name, net, nodeId, nicId, bridge);

        if (graph.KubeProxyMode == "ipvs")
        {
            var vips = _vips ??= [.. graph.Snapshot.Services.SelectMany(s => s.ClusterIps.Where(ip => ip != "None" && !ip.Contains(':', StringComparison.Ordinal)))];
            _vipText ??= string.Join(", ", vips.Take(50)) + (vips.Count > 50 ? $", … ({vips.Count} in all)" : "");
            elements.Add(new TopologyElement
            {
                Id = ElementIds.Device(node.Name, ElementIds.IpvsRole),
                Kind = ElementKind.Ipvs,
                Label = $"kube-ipvs0 ({vips.Count} VIPs)",
                Parent = nodeId,
                Node = node.Name,
                Data = Map(("device", "kube-ipvs0"), ("addresses", _vipText),
                    ("count", TopologyBuilder.Num(vips.Count)),
                    ("note", "kube-proxy IPVS mode binds every ClusterIP to this dummy device (state DOWN, NOARP) so the node accepts them; IPVS DNATs to an endpoint")),
            });
        }
    }

    private void AddTunnelDevices(string nodeName, NodeNetwork net, string nodeId, string nicId, string? bridge)
    {
        var bridgeId = bridge is null ? null : ElementIds.Device(nodeName, ElementIds.BridgeRole);
        string podSideTarget;
        if (graph.Flannel is { } f)
        {
            var name = DataPlane.FlannelTunnelName(f.BackendType);
            var tunnelId = ElementIds.Device(nodeName, ElementIds.TunnelRole);
            if (name is not null)
            {
                var address = net.PodCidr is { } pc
                    ? f.BackendType == "udp" && f.NetConf?.Config is { } conf ? $"{Ipv4Cidr.FormatAddress(pc.Network)}/{conf.Network.PrefixLength}" : $"{Ipv4Cidr.FormatAddress(pc.Network)}/32"
                    : null;
                elements.Add(new TopologyElement
                {
                    Id = tunnelId,
                    Kind = ElementKind.Tunnel,
                    Label = address is null ? name : $"{name} {address}",
                    Parent = nodeId,
                    Node = nodeName,
                    Data = Map(("device", name), ("address", address), ("mtu", TopologyBuilder.Num(graph.PodMtu)),
                        ("vni", f.BackendType == "vxlan" ? TopologyBuilder.Num(net.Flannel?.Vni ?? f.Vni) : null),
                        ("vtepMAC", f.BackendType == "vxlan" ? net.Flannel?.VtepMac ?? "unknown (no backend-data annotation)" : null),
                        ("udpPort", f.BackendType is "vxlan" or "udp" ? TopologyBuilder.Num(f.Port) : null),
                        ("overhead", TopologyBuilder.Num(f.Overhead)), ("backend", f.BackendType + (f.DirectRouting ? " + DirectRouting" : ""))),
                });
                AddEdge(EdgeKind.Encapsulation, tunnelId, nicId, f.BackendType switch
                {
                    "vxlan" => $"VXLAN UDP {f.Port}",
                    "udp" => $"UDP {f.Port}",
                    _ => f.BackendType,
                });
            }

            var anyDirect = f.BackendType == "host-gw" || (f.DirectRouting && graph.Nodes.Values.Any(p => p.Name != nodeName && net.SharesSegmentWith(p)));
            podSideTarget = name is not null ? tunnelId : nicId;
            if (bridgeId is not null)
            {
                if (name is not null)
                {
                    AddEdge(EdgeKind.LocalRoute, bridgeId, tunnelId, "local route");
                }

                if (anyDirect)
                {
                    AddEdge(EdgeKind.LocalRoute, bridgeId, nicId, "direct route");
                }
            }
        }
        else if (Cni == CniName.Calico && graph.Calico is { } calico)
        {
            podSideTarget = nicId;
            if (calico.AnyIpip)
            {
                var id = ElementIds.Device(nodeName, "tunl0");
                elements.Add(new TopologyElement
                {
                    Id = id, Kind = ElementKind.Tunnel, Label = net.CalicoIpipAddress is null ? "tunl0" : $"tunl0 {net.CalicoIpipAddress}/32",
                    Parent = nodeId, Node = nodeName,
                    Data = Map(("device", "tunl0"), ("address", net.CalicoIpipAddress), ("mtu", TopologyBuilder.Num(calico.TunnelMtu(Options.NicMtu, 20))), ("overhead", "20"),
                        ("encapsulation", "IP-in-IP (protocol 4)")),
                });
                AddEdge(EdgeKind.Encapsulation, id, nicId, "IPIP");
                podSideTarget = id;
            }

            if (calico.AnyVxlan)
            {
                var id = ElementIds.Device(nodeName, "vxlan.calico");
                elements.Add(new TopologyElement
                {
                    Id = id, Kind = ElementKind.Tunnel, Label = net.CalicoVxlanAddress is null ? "vxlan.calico" : $"vxlan.calico {net.CalicoVxlanAddress}/32",
                    Parent = nodeId, Node = nodeName,
                    Data = Map(("device", "vxlan.calico"), ("address", net.CalicoVxlanAddress), ("mac", net.CalicoVxlanMac), ("mtu", TopologyBuilder.Num(calico.TunnelMtu(Options.NicMtu, 50))),
                        ("vni", "4096"), ("udpPort", TopologyBuilder.Num(CalicoNaming.VxlanPort)), ("overhead", "50")),
                });
                AddEdge(EdgeKind.Encapsulation, id, nicId, $"VXLAN UDP {CalicoNaming.VxlanPort}");
                podSideTarget = id;
            }
        }
        else if (Cni == CniName.Cilium)
        {
            var hostId = ElementIds.Device(nodeName, "cilium_host");
            var tunnelId = ElementIds.Device(nodeName, ElementIds.TunnelRole);
            elements.Add(new TopologyElement
            {
                Id = hostId, Kind = ElementKind.Bridge, Label = net.CiliumHostIp is null ? "cilium_host" : $"cilium_host {net.CiliumHostIp}", Parent = nodeId, Node = nodeName,
                Data = Map(("device", "cilium_host"), ("address", net.CiliumHostIp), ("note", "cilium routes pod traffic with eBPF; cilium_host is the router address")),
            });
            elements.Add(new TopologyElement
            {
                Id = tunnelId, Kind = ElementKind.Tunnel, Label = "cilium_vxlan", Parent = nodeId, Node = nodeName,
                Data = Map(("device", "cilium_vxlan"), ("udpPort", "8472"), ("mtu", TopologyBuilder.Num(graph.PodMtu)), ("note", "tunnel mode assumed (the default)")),
            });
            AddEdge(EdgeKind.LocalRoute, hostId, tunnelId, "eBPF");
            AddEdge(EdgeKind.Encapsulation, tunnelId, nicId, "VXLAN UDP 8472");
            podSideTarget = hostId;
        }
        else
        {
            podSideTarget = bridgeId is not null ? bridgeId : nicId;
            if (bridgeId is not null)
            {
                AddEdge(EdgeKind.LocalRoute, bridgeId, nicId, Cni == CniName.KubeRouter ? "routes learned by BGP" : "routes");
            }
        }

        _podLinkTarget[nodeName] = bridgeId ?? podSideTarget;
    }

    public void AddPod(PodInfo pod, List<Finding> warnings)
    {
        var podId = ElementIds.Pod(pod.Namespace, pod.Name);
        var onKnownNode = pod.NodeName is not null && _nodeIds.Contains(pod.NodeName);
        if (pod.NodeName is not null && !onKnownNode)
        {
            warnings.Add(TopologyFindings.Create(WarningCode.PodOnUnknownNode, Severity.Warning,
                $"scheduled on node {pod.NodeName}, which is not in the snapshot", $"Pod/{pod.Namespace}/{pod.Name}", "spec.nodeName", podId));
        }

        var parent = onKnownNode ? ElementIds.Node(pod.NodeName!) : null;
        _pods.Add(podId);
        var data = Map(("ip", pod.PodIp), ("phase", pod.Phase), ("ready", pod.Ready ? "true" : "false"), ("node", pod.NodeName),
            ("owner", pod.Owner is { } o ? $"{o.Kind}/{o.Name}" : null), ("hostNetwork", pod.HostNetwork ? "true" : null),
            ("mtu", pod.HostNetwork ? _nicMtuText ??= TopologyBuilder.Num(Options.NicMtu) : _podMtuText ??= TopologyBuilder.Num(graph.PodMtu)),
            ("ports", PortsText(pod)),
            ("secondaryInterfaces", graph.Secondary.Of(pod.Key) is { IsEmpty: false } sec ? string.Join("; ", sec.Select(i => i.Describe())) : null));
        elements.Add(new TopologyElement
        {
            Id = podId,
            Kind = pod.HostNetwork ? ElementKind.HostNetworkPod : ElementKind.Pod,
            Label = pod.Name,
            Parent = parent,
            Node = pod.NodeName,
            Namespace = pod.Namespace,
            Data = data,
            Labels = Labels(pod.Labels),
        });
        if (!onKnownNode)
        {
            return;
        }

        if (pod.HostNetwork)
        {
            AddEdge(EdgeKind.HostNetwork, podId, ElementIds.Nic(pod.NodeName!), "host network");
            return;
        }

        var vethId = ElementIds.Veth(pod.Namespace, pod.Name);
        var vethName = DataPlane.VethName(Cni, pod);
        elements.Add(new TopologyElement
        {
            Id = vethId,
            Kind = ElementKind.Veth,
            Label = DataPlane.VethLabel(Cni, pod),
            Parent = parent,
            Node = pod.NodeName,
            Namespace = pod.Namespace,
            Data = Map(("device", vethName), ("pod", $"{pod.Namespace}/{pod.Name}"), ("peer", "eth0 in the pod (@if3 style peer index)"),
                ("mtu", _podMtuText ??= TopologyBuilder.Num(graph.PodMtu)),
                ("mac", Cni is CniName.Calico or CniName.Canal ? CalicoNaming.HostSideMac : null),
                ("note", vethName.EndsWith('…') ? "the runtime names the host end at random (vethXXXXXXXX); find it with ip link | grep @if, matching the pod's eth0 ifindex" : "calico names the host end cali + sha1(namespace.pod)[:11]")),
        });
        AddEdge(EdgeKind.VethPair, podId, vethId, "veth pair");
        var target = _podLinkTarget[pod.NodeName!];
        var isBridge = DataPlane.BridgeName(Cni) is not null;
        AddEdge(isBridge ? EdgeKind.BridgePort : EdgeKind.LocalRoute, vethId, target, isBridge ? "bridge port" : $"{pod.PodIp} dev {vethName} scope link");
    }

    /// <summary>
    /// Multus interfaces: net1 on the pod's node, hanging off the parent NIC (macvlan/ipvlan/host-device) or an SR-IOV
    /// VF. They bypass the CNI's data path drawn above, and NetworkPolicy (said on each element).
    /// </summary>
    public void AddSecondaryInterfaces()
    {
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (podKey, interfaces) in graph.Secondary.ByPod.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal))
        {
            var podId = ElementIds.Pod(podKey.Namespace, podKey.Name);
            if (!_pods.Contains(podId))
            {
                continue;
            }

            foreach (var i in interfaces)
            {
                var node = i.NodeName is { } n && _nodeIds.Contains(n) ? n : null;
                var id = Multus.SecondaryElementIds.Interface(podKey.Namespace, podKey.Name, i.Interface);
                var nad = i.Definition;
                elements.Add(new TopologyElement
                {
                    Id = id,
                    Kind = ElementKind.SecondaryInterface,
                    Label = i.Ips.IsDefaultOrEmpty ? i.Interface : $"{i.Interface} {i.Ips[0]}",
                    Parent = node is null ? null : ElementIds.Node(node),
                    Node = node,
                    Namespace = podKey.Namespace,
                    Data = Map(("device", i.Interface), ("pod", podKey.ToString()), ("network", i.Network), ("cni", i.CniType ?? (nad is null ? "unknown (no NetworkAttachmentDefinition)" : "unknown (config not read)")),
                        ("mode", nad?.Mode), ("master", nad?.Master), ("vlan", nad?.Vlan is { } v ? TopologyBuilder.Num(v) : null),
                        ("mtu", nad?.Mtu is { } m ? TopologyBuilder.Num(m) : null), ("ips", i.Ips.IsDefaultOrEmpty ? null : string.Join(", ", i.Ips)),
                        ("mac", i.Mac), ("pci", i.PciAddress), ("resourceName", nad?.ResourceName), ("ipam", nad?.IpamType),
                        ("source", i.Source == Multus.SecondaryNetworkReader.FromStatus ? "network-status annotation (attached by Multus)" : "networks annotation (requested; no network-status yet)"),
                        ("policy", "NetworkPolicy does not apply to secondary networks (MultiNetworkPolicy is shown, not evaluated)")),
                });
                AddEdge(EdgeKind.SecondaryAttachment, podId, id, i.Interface);
                if (node is null)
                {
                    continue;
                }

                if (i.IsSriov)
                {
                    var vf = i.PciAddress ?? $"{podKey.Namespace}-{podKey.Name}-{i.Interface}";
                    var vfId = Multus.SecondaryElementIds.VirtualFunction(node, vf);
                    if (parents.Add(vfId))
                    {
                        elements.Add(new TopologyElement
                        {
                            Id = vfId,
                            Kind = ElementKind.VirtualFunction,
                            Label = i.PciAddress is null ? "SR-IOV VF" : $"VF {i.PciAddress}",
                            Parent = ElementIds.Node(node),
                            Node = node,
                            Data = Map(("pci", i.PciAddress ?? "not reported (no device-info in network-status)"), ("resourceName", nad?.ResourceName),
                                ("vlan", nad?.Vlan is { } vl ? TopologyBuilder.Num(vl) : null),
                                ("note", "a virtual function of an SR-IOV NIC, moved into the pod: traffic leaves through the NIC's hardware switch, not the node's network stack")),
                        });
                    }

                    AddEdge(EdgeKind.SecondaryParent, id, vfId, "SR-IOV VF");
                }
                else if (nad?.Master is { } master)
                {
                    var isNic = !Options.NicNameIsGuess && master == Options.NicRouteName;
                    var parentId = isNic ? ElementIds.Nic(node) : Multus.SecondaryElementIds.ParentNic(node, master);
                    if (!isNic && parents.Add(parentId))
                    {
                        elements.Add(new TopologyElement
                        {
                            Id = parentId,
                            Kind = ElementKind.ParentNic,
                            Label = master,
                            Parent = ElementIds.Node(node),
                            Node = node,
                            Data = Map(("device", master), ("note", "parent device named by the NetworkAttachmentDefinition (master); assumed to exist on every node the pods run on")),
                        });
                    }

                    AddEdge(EdgeKind.SecondaryParent, id, parentId, $"{nad.CniType}{(nad.Mode is { } md ? " " + md : "")}");
                }
            }
        }
    }

    public void AddServices()
    {
        var endpoints = graph.Snapshot.Endpoints.ToLookup(e => (e.Namespace, e.ServiceName));
        foreach (var svc in graph.Snapshot.Services)
        {
            if (svc.Type == "ExternalName" || svc.ClusterIp is null or "None")
            {
                continue;
            }

            var id = ElementIds.Service(svc.Namespace, svc.Name);
            var ports = string.Join(", ", svc.Ports.Select(p => $"{p.Port}/{p.Protocol}" + (p.TargetPort is { } t && t != p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ? $"→{t}" : "") + (p.NodePort is { } np ? $" (nodePort {np})" : "")));
            elements.Add(new TopologyElement
            {
                Id = id,
                Kind = ElementKind.Service,
                Label = $"{svc.Name} {svc.ClusterIp}",
                Namespace = svc.Namespace,
                Data = Map(("clusterIP", svc.ClusterIp), ("type", svc.Type), ("ports", ports.Length == 0 ? null : ports),
                    ("externalTrafficPolicy", svc.ExternalTrafficPolicy), ("kubeProxy", graph.KubeProxyMode),
                    ("selector", svc.Selector is null ? "none (endpoints managed by hand)" : string.Join(",", svc.Selector.OrderBy(k => k.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")))),
                Labels = Labels(svc.Labels),
            });
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var set in endpoints[(svc.Namespace, svc.Name)])
            {
                var portText = string.Join(",", set.Ports.Select(p => $"{p.Port}/{p.Protocol}"));
                foreach (var a in set.Addresses)
                {
                    if (a.TargetKind is not (null or "Pod") || a.TargetName is null)
                    {
                        continue;
                    }

                    var podId = ElementIds.Pod(a.TargetNamespace ?? svc.Namespace, a.TargetName);
                    if (_pods.Contains(podId) && seen.Add(podId))
                    {
                        var edgeId = TopologyEdge.MakeId(EdgeKind.Endpoint, id, podId);
                        edges.Add(new TopologyEdge
                        {
                            Id = edgeId, Kind = EdgeKind.Endpoint, Source = id, Target = podId, Label = portText,
                            Data = Map(("ready", a.Ready ? "true" : "false"), ("ip", a.Ip)),
                        });
                    }
                }
            }
        }
    }

    public void AddMesh(List<Finding> warnings)
    {
        var nodes = graph.Nodes.Values.Where(n => n.NodeIp is not null).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        if (graph.Flannel?.BackendType == "host-gw")
        {
            foreach (var n in nodes)
            {
                var across = nodes.Where(p => p.Name != n.Name && !n.SharesSegmentWith(p)).Select(p => p.Name).ToList();
                if (across.Count > 0)
                {
                    warnings.Add(TopologyFindings.Create(WarningCode.HostGwCrossSubnet, Severity.Error,
                        $"host-gw needs all nodes on one L2 network, but {string.Join(", ", across.Take(5))}{(across.Count > 5 ? $" and {across.Count - 5} more" : "")} " +
                        $"{(across.Count == 1 ? "is" : "are")} on another segment ({graph.NodeSubnets.Source}): routes to them fail; use vxlan with DirectRouting",
                        $"Node/{n.Name}", null, ElementIds.Node(n.Name)));
                }
            }
        }

        if (nodes.Count > Options.MeshEdgeNodeLimit)
        {
            warnings.Add(TopologyFindings.Create(WarningCode.MeshEdgesOmitted, Severity.Info,
                $"{nodes.Count} nodes: node-to-node tunnel/route edges are not drawn above {Options.MeshEdgeNodeLimit} nodes (Topology:MeshEdgeNodeLimit); routes and packet walks still cover every peer"));
            return;
        }

        var reflectors = nodes.Where(n => n.RouteReflector).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            for (var j = i + 1; j < nodes.Count; j++)
            {
                var a = nodes[i];
                var b = nodes[j];
                var path = PathPlanner.Between(graph, a, b);
                var data = Map(("mode", path.Mode), ("note", path.Note), ("overhead", path.Overhead > 0 ? TopologyBuilder.Num(path.Overhead) : null));
                if (path.Encapsulated && path.DeviceId != ElementIds.Nic(a.Name))
                {
                    var peerDevice = path.DeviceId.Replace($"dev/{a.Name}/", $"dev/{b.Name}/", StringComparison.Ordinal);
                    if (path.Mode == "cilium-vxlan")
                    {
                        peerDevice = ElementIds.Device(b.Name, ElementIds.TunnelRole);
                        path = path with { DeviceId = ElementIds.Device(a.Name, ElementIds.TunnelRole) };
                    }

                    var label = path.Encapsulation switch
                    {
                        "vxlan" => $"VXLAN VNI {path.Vni}, UDP {path.UdpPort}",
                        "udp" => $"UDP {path.UdpPort} (flanneld)",
                        "ipip" => "IP-in-IP",
                        _ => path.Encapsulation,
                    };
                    AddEdge(EdgeKind.TunnelLink, path.DeviceId, peerDevice, label, data);
                }
                else
                {
                    var label = path.Mode switch
                    {
                        "direct-routing" => "DirectRouting",
                        "host-gw" => "host-gw",
                        "calico-bgp" => "BGP route",
                        "kube-router" => "BGP route",
                        "kube-router-ipip" => "IP-in-IP",
                        _ => path.Mode,
                    };
                    AddEdge(EdgeKind.DirectRoute, ElementIds.Nic(a.Name), ElementIds.Nic(b.Name), label, data);
                }

                if (graph.Calico is { NodeToNodeMesh: true })
                {
                    AddEdge(EdgeKind.Bgp, ElementIds.Nic(a.Name), ElementIds.Nic(b.Name), "BGP (node-to-node mesh)");
                }
            }
        }

        if (graph.Calico is { NodeToNodeMesh: false })
        {
            foreach (var rr in reflectors)
            {
                foreach (var n in nodes.Where(n => n.Name != rr.Name))
                {
                    AddEdge(EdgeKind.Bgp, ElementIds.Nic(n.Name), ElementIds.Nic(rr.Name), "BGP (route reflector)");
                }
            }
        }
    }

    private void AddEdge(string kind, string source, string target, string label, AttributeMap? data = null) =>
        edges.Add(new TopologyEdge
        {
            Id = TopologyEdge.MakeId(kind, source, target),
            Kind = kind,
            Source = source,
            Target = target,
            Label = label,
            Data = data ?? AttributeMap.Empty,
        });

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    private static string? PortsText(PodInfo pod)
    {
        var text = pod.Containers.IsDefaultOrEmpty ? "" : string.Join(", ", pod.Containers.SelectMany(c => c.Ports).Select(p => $"{(p.Name is null ? "" : p.Name + ":")}{p.Port}/{p.Protocol}"));
        return text.Length == 0 ? null : text;
    }

    internal static AttributeMap Map(params ReadOnlySpan<(string Key, string? Value)> pairs) => AttributeMap.Of(pairs);

    private static AttributeMap Labels(ImmutableDictionary<string, string> labels) => labels.Count == 0 ? AttributeMap.Empty : AttributeMap.From(labels);
}
