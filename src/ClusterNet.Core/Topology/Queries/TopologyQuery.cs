using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>
/// What a topology view asks for: the filter on the page (<c>ns</c>, <c>node</c>, <c>label</c>, <c>q</c>) and what the
/// API server cannot tell (<c>--node-subnet</c>, <c>--nic</c>, <c>--nic-mtu</c> on the CLI). Parsed by
/// <see cref="TopologyQueryParser"/>.
/// </summary>
public sealed record TopologyQuery
{
    public static TopologyQuery Empty { get; } = new();

    /// <summary>Null when nothing is filtered.</summary>
    public TopologyFilter? Filter { get; init; }

    public ImmutableArray<string> NodeSubnets { get; init; } = [];

    public string? NicName { get; init; }

    /// <summary>Null: the configured or default NIC MTU (1500).</summary>
    public int? NicMtu { get; init; }

    /// <summary>The builder options this query asks for, over <paramref name="defaults"/> (configuration).</summary>
    public TopologyOptions ToOptions(TopologyOptions? defaults = null)
    {
        var o = defaults ?? TopologyOptions.Default;
        return o with
        {
            NodeSubnets = NodeSubnets.IsDefaultOrEmpty ? o.NodeSubnets : NodeSubnets,
            NicName = NicName ?? o.NicName,
            NicMtu = NicMtu ?? o.NicMtu,
        };
    }
}
