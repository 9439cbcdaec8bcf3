using ClusterNet.Core.Findings;
using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Builds the whiteboard picture of a snapshot: per node its NIC, bridge, tunnel device, kube-ipvs0, one veth per pod and
/// the pods; Services as VIPs with edges to their endpoints; Gateways as VIPs with edges to their data-plane Service and their
/// routes' backend Services; tunnels, direct routes and BGP sessions between nodes.
/// Pure: same snapshot and options, same graph.
/// </summary>
public static class TopologyBuilder
{
    public static TopologyGraph Build(ClusterSnapshot snapshot, TopologyOptions? options = null)
    {
        options ??= TopologyOptions.Default;
        var warnings = new List<Finding>();
        var facts = ClusterFacts.Of(snapshot);
        var cni = facts.Cni;
        if (cni.Name == CniName.Unknown && snapshot.Nodes.Count > 0)
        {
            warnings.Add(TopologyFindings.Create(WarningCode.CniUnknown, Severity.Info,
                "CNI plugin not recognised: devices between pods and the NIC are not drawn and routes are guesses"));
        }

        // net-conf.json is parsed once per snapshot, into the cluster facts.
        var flannel = facts.Flannel;
        warnings.AddRange(facts.FlannelFindings);
        var calico = cni.Name == CniName.Calico ? CalicoSettingsReader.Read(snapshot) : null;
        var (proxyMode, proxySource) = string.IsNullOrWhiteSpace(options.KubeProxyMode)
            ? (facts.KubeProxyMode, facts.KubeProxyModeSource)
            : KubeProxyConfig.DetectMode(snapshot, options.KubeProxyMode);
        var (nodes, subnetInfo) = NodeNetworkReader.Read(snapshot, options, cni, flannel, calico, warnings);
        PodCidrValidator.Check(snapshot, nodes, cni, flannel, warnings);

        if (cni.EnforcesPolicy == false && snapshot.NetworkPolicies.Count > 0)
        {
            warnings.Add(TopologyFindings.Create(WarningCode.PolicyNotEnforced, Severity.Warning,
                $"{snapshot.NetworkPolicies.Count} NetworkPolicy object(s) present, but {cni.Name} does not enforce NetworkPolicy: they are silently ignored (use canal or calico)",
                $"NetworkPolicy/{snapshot.NetworkPolicies[0].Namespace}/{snapshot.NetworkPolicies[0].Name}"));
        }

        var secondary = Multus.SecondaryNetworkReader.Read(snapshot);
        var graph = new TopologyGraph
        {
            Secondary = secondary,
            Version = snapshot.Version,
            Source = snapshot.Source,
            Options = options,
            Cni = cni,
            Flannel = flannel,
            Calico = calico,
            KubeProxyMode = proxyMode,
            KubeProxyModeSource = proxySource,
            NodeSubnets = subnetInfo,
            PodMtu = DataPlane.PodMtu(cni.Name, flannel, calico, options.NicMtu),
            Nodes = nodes,
            Elements = [],
            Edges = [],
            Warnings = [],
            Snapshot = snapshot,
        };

        var elements = new List<TopologyElement>(snapshot.Nodes.Count * 6 + snapshot.Pods.Count * 2 + snapshot.Services.Count);
        var edges = new List<TopologyEdge>(snapshot.Nodes.Count * 6 + snapshot.Pods.Count * 2);
        var context = new GraphWriter(graph, elements, edges);
        context.AddSegments();
        foreach (var node in snapshot.Nodes)
        {
            context.AddNode(node);
        }

        foreach (var pod in snapshot.Pods)
        {
            context.AddPod(pod, warnings);
        }

        context.AddSecondaryInterfaces();
        warnings.AddRange(secondary.Findings);
        context.AddServices();
        GatewayGraphWriter.Add(snapshot, elements, edges);
        context.AddMesh(warnings);

        return graph with
        {
            Elements = [.. elements],
            Edges = [.. edges],
            Warnings = [.. warnings],
        };
    }

    internal static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
