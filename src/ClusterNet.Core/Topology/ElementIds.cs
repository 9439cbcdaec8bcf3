namespace ClusterNet.Core.Topology;

/// <summary>
/// The stable id scheme: derived from names only, so the same object gets the same id in every snapshot.
/// Device ids use a role ("nic", "cni0", "vtep") rather than a configurable device name.
/// </summary>
public static class ElementIds
{
    public static string Node(string node) => $"node/{node}";

    public static string Nic(string node) => $"dev/{node}/nic";

    public static string Device(string node, string role) => $"dev/{node}/{role}";

    public static string Veth(string ns, string pod) => $"veth/{ns}/{pod}";

    public static string Pod(string ns, string pod) => $"pod/{ns}/{pod}";

    public static string Service(string ns, string name) => $"svc/{ns}/{name}";

    public static string Gateway(string ns, string name) => $"gw/{ns}/{name}";

    public static string Segment(string cidr) => $"segment/{cidr}";

    /// <summary>The pod a "pod/ns/name" id stands for (host-network pods share the prefix); null for other elements.</summary>
    public static Model.ObjectKey? PodOf(string? id) =>
        id is not null && id.StartsWith("pod/", StringComparison.Ordinal) && id.Count(c => c == '/') == 2 ? Model.ObjectKey.Parse(id[4..]) : null;

    public const string BridgeRole = "bridge";
    public const string TunnelRole = "tunnel";
    public const string IpvsRole = "kube-ipvs0";
}
