namespace ClusterNet.Core.Topology;

/// <summary>
/// The flannel backend in effect: from net-conf.json when it parses, else from the nodes' backend-type annotation
/// (what flanneld actually runs with). <see cref="Source"/> says which.
/// </summary>
public sealed record FlannelSettings
{
    public required string BackendType { get; init; }
    public bool DirectRouting { get; init; }
    public int Vni { get; init; } = 1;
    public int Port { get; init; } = FlannelNetConfParser.DefaultVxlanPort;
    public required string Source { get; init; }
    /// <summary>Where net-conf.json was read from ("ConfigMap kube-system/kube-flannel-cfg"), null when not found.</summary>
    public string? ConfigMap { get; init; }
    public FlannelNetConfResult? NetConf { get; init; }

    /// <summary>Encapsulation overhead of the backend: VXLAN 50, UDP 28, host-gw 0.</summary>
    public int Overhead => BackendType switch
    {
        "vxlan" => 50,
        "udp" => 28,
        "ipip" => 20,
        _ => 0,
    };
}
