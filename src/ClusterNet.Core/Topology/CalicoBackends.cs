namespace ClusterNet.Core.Topology;

/// <summary>calico-node's CALICO_NETWORKING_BACKEND values (calico-config's <c>calico_backend</c>).</summary>
public static class CalicoBackends
{
    public const string Bird = "bird";
    public const string Vxlan = "vxlan";
    public const string None = "none";
    /// <summary>Felix installs its routes with protocol number 80 (ip route shows "proto 80").</summary>
    public const string FelixRouteProto = "80";
}
