namespace ClusterNet.Core.Model;

/// <summary>Environment variables kept from containers: calico-node's default-pool, backend and MTU settings.</summary>
public static class NetworkEnvNames
{
    public const string PoolCidr = "CALICO_IPV4POOL_CIDR";
    public const string PoolIpip = "CALICO_IPV4POOL_IPIP";
    public const string PoolVxlan = "CALICO_IPV4POOL_VXLAN";
    public const string PoolBlockSize = "CALICO_IPV4POOL_BLOCK_SIZE";
    public const string PoolNatOutgoing = "CALICO_IPV4POOL_NAT_OUTGOING";
    public const string NetworkingBackend = "CALICO_NETWORKING_BACKEND";
    public const string IpipMtu = "FELIX_IPINIPMTU";
    public const string VxlanMtu = "FELIX_VXLANMTU";

    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        PoolCidr, PoolIpip, PoolVxlan, PoolBlockSize, PoolNatOutgoing, NetworkingBackend, IpipMtu, VxlanMtu,
    };

    public static bool IsKept(string? name) => name is not null && Kept.Contains(name);
}
