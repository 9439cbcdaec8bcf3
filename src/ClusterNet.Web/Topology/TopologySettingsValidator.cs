using ClusterNet.Core.Topology;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Topology;

/// <summary>Start-up validation of <see cref="TopologySettings"/>: a typo in a subnet fails fast with the key named.</summary>
public sealed class TopologySettingsValidator : IValidateOptions<TopologySettings>
{
    public ValidateOptionsResult Validate(string? name, TopologySettings options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.NodeSubnets.Count; i++)
        {
            if (!Ipv4Cidr.TryParse(options.NodeSubnets[i]?.Trim(), out _))
            {
                errors.Add($"Topology:NodeSubnets:{i} '{options.NodeSubnets[i]}' is not an IPv4 CIDR (e.g. 172.16.100.0/24)");
            }
        }

        if (options.NicMtu is < 576 or > 65535)
        {
            errors.Add($"Topology:NicMtu must be 576–65535, got {options.NicMtu}");
        }

        if (options.KubeProxyMode is { Length: > 0 } mode && mode.Trim().ToLowerInvariant() is not ("iptables" or "ipvs" or "nftables"))
        {
            errors.Add($"Topology:KubeProxyMode must be iptables, ipvs or nftables, got '{mode}'");
        }

        if (options.MeshEdgeNodeLimit < 0)
        {
            errors.Add("Topology:MeshEdgeNodeLimit must be ≥ 0");
        }

        if (options.FoldVethsAbove < 0)
        {
            errors.Add("Topology:FoldVethsAbove must be ≥ 0");
        }

        if (options.AggregateAbove < 1)
        {
            errors.Add("Topology:AggregateAbove must be ≥ 1");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
