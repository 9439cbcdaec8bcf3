using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Facts;

/// <summary>The pod network as CIDRs (for <see cref="ClusterFacts.PodNetworks"/>): node podCIDRs, Calico IPPools, flannel's net-conf.json Network.</summary>
internal static class PodNetworkDetector
{
    public static IEnumerable<string> Detect(ClusterSnapshot snapshot, FlannelSettings? flannel)
    {
        var list = new List<string>();
        void Add(string? text)
        {
            if (CidrRange.TryParse(text, out var r))
            {
                list.Add(r.ToString());
            }
        }

        foreach (var n in snapshot.Nodes)
        {
            foreach (var c in n.PodCidrs)
            {
                Add(c);
            }
        }

        foreach (var pool in snapshot.IpPools)
        {
            Add(pool.Cidr);
        }

        // A manifest or operator install before calico-node ran: the pool it will create.
        foreach (var cidr in CalicoSettingsReader.CreatedPoolCidrs(snapshot))
        {
            Add(cidr);
        }

        if (flannel is not null)
        {
            // flannel carries the data path: its net-conf.json was parsed once for ClusterFacts; reuse that parse.
            Add(flannel.NetConf?.Config?.Network.ToString());
        }
        else
        {
            // Another CNI, but a flannel config left in the cluster still names addresses pods may hold: read it with
            // the same parser, so net-conf.json has one reading everywhere.
            foreach (var cm in snapshot.ConfigMaps.Where(c => c.Name == "kube-flannel-cfg"))
            {
                if (cm.Data.TryGetValue("net-conf.json", out var json))
                {
                    Add(FlannelNetConfParser.Parse(json).Config?.Network.ToString());
                }
            }
        }

        return list;
    }
}
