using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// The cluster's whole pod network, for trust lists in fixes: a list that names one node's podCIDR breaks the day the
/// controller is rescheduled to another node. <see cref="Source"/> says where it came from; <see cref="Inferred"/> is
/// true when it was computed from the nodes' podCIDRs rather than read from a cluster-wide setting.
/// </summary>
internal sealed record PodNetworkRange(ImmutableArray<string> Cidrs, string Source, bool Inferred)
{
    /// <summary>
    /// In order: flannel's net-conf.json Network, Calico IPPools, kube-proxy's clusterCIDR (kube-system/kube-proxy
    /// config.conf), kube-controller-manager's --cluster-cidr; else the smallest range covering every node's podCIDR.
    /// </summary>
    public static PodNetworkRange Of(ClusterSnapshot snapshot)
    {
        var facts = ClusterFacts.Of(snapshot);
        if (facts.FlannelNetwork is { } flannel)
        {
            return new([flannel.ToString()], "flannel net-conf.json Network", false);
        }

        var pools = snapshot.IpPools.Select(p => p.Cidr).Where(c => CidrRange.TryParse(c, out _)).Distinct().ToImmutableArray();
        if (!pools.IsEmpty)
        {
            return new(pools, "Calico IPPools", false);
        }

        if (snapshot.ConfigMaps.Get("kube-system", "kube-proxy") is { } kp
            && kp.Data.Values.SelectMany(v => v.Split('\n')).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("clusterCIDR:", StringComparison.Ordinal)) is { } line)
        {
            var value = line["clusterCIDR:".Length..].Trim().Trim('"', '\'');
            var cidrs = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => CidrRange.TryParse(c, out _)).ToImmutableArray();
            if (!cidrs.IsEmpty)
            {
                return new(cidrs, "kube-proxy clusterCIDR (ConfigMap kube-system/kube-proxy)", false);
            }
        }

        var cm = snapshot.Pods.Where(p => p.Namespace == "kube-system" && p.Name.StartsWith("kube-controller-manager", StringComparison.Ordinal))
            .SelectMany(p => p.Containers).SelectMany(c => c.Command)
            .FirstOrDefault(a => a.StartsWith("--cluster-cidr=", StringComparison.Ordinal));
        if (cm is not null)
        {
            var cidrs = cm["--cluster-cidr=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => CidrRange.TryParse(c, out _)).ToImmutableArray();
            if (!cidrs.IsEmpty)
            {
                return new(cidrs, "kube-controller-manager --cluster-cidr", false);
            }
        }

        var nodeCidrs = snapshot.Nodes.SelectMany(n => n.PodCidrs).ToList();
        var covering = Covering(nodeCidrs);
        return covering.IsEmpty
            ? new(["<cluster pod CIDR>"], "no pod network in the snapshot", true)
            : new(covering, $"smallest range covering the nodes' podCIDRs ({string.Join(", ", nodeCidrs.Distinct())}); widen it to the cluster CIDR (kube-controller-manager --cluster-cidr) so nodes added later are covered", true);
    }

    /// <summary>One line for a fix's trade-offs: where the range came from.</summary>
    public string Note => Inferred
        ? $"Pod network assumed: {string.Join(", ", Cidrs)} is the {Source}."
        : $"Pod network {string.Join(", ", Cidrs)} from {Source}: it covers the controller wherever it is rescheduled.";

    /// <summary>Per address family, the smallest CIDR holding every given CIDR of that family.</summary>
    internal static ImmutableArray<string> Covering(IEnumerable<string> cidrs)
    {
        var parsed = cidrs.Select(c => CidrRange.TryParse(c, out var r) ? r : null).OfType<CidrRange>().ToList();
        var result = new List<string>();
        foreach (var family in parsed.GroupBy(r => r.Network.Length).OrderBy(g => g.Key))
        {
            var bits = family.Key * 8;
            var first = family.First();
            var prefix = family.Min(r => r.PrefixLength);
            while (prefix > 0 && !family.All(r => SamePrefix(r.Network, first.Network, prefix)))
            {
                prefix--;
            }

            var network = (byte[])first.Network.Clone();
            for (var i = 0; i < bits; i++)
            {
                if (i >= prefix)
                {
                    network[i / 8] &= (byte)~(0x80 >> (i % 8));
                }
            }

            result.Add($"{new IPAddress(network)}/{prefix}");
        }

        return [.. result];
    }

    private static bool SamePrefix(byte[] a, byte[] b, int prefix)
    {
        for (var i = 0; i < prefix; i++)
        {
            var mask = (byte)(0x80 >> (i % 8));
            if ((a[i / 8] & mask) != (b[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
