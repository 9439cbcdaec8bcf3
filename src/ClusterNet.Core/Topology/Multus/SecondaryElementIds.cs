namespace ClusterNet.Core.Topology.Multus;

/// <summary>Stable ids of the secondary-network elements (from names only, like <see cref="ElementIds"/>).</summary>
public static class SecondaryElementIds
{
    public static string Interface(string ns, string pod, string iface) => $"sec/{ns}/{pod}/{iface}";

    public static string ParentNic(string node, string device) => $"dev/{node}/parent/{device}";

    public static string VirtualFunction(string node, string vf) => $"dev/{node}/vf/{vf}";
}
