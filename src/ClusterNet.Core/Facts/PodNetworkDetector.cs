using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Facts;

/// <summary>The pod network as CIDRs (for <see cref="ClusterFacts.PodNetworks"/>): node podCIDRs, Calico IPPools, flannel's net-conf.json Network.</summary>
internal static class PodNetworkDetector
{
    public static IEnumerable<string> Detect(ClusterSnapshot snapshot)
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

        foreach (var cm in snapshot.ConfigMaps.Where(c => c.Name == "kube-flannel-cfg"))
        {
            if (cm.Data.TryGetValue("net-conf.json", out var json))
            {
                try
                {
                    using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                    if (doc.RootElement.TryGetProperty("Network", out var net))
                    {
                        Add(net.GetString());
                    }
                }
                catch (JsonException)
                {
                    // Malformed flannel config is reported by the topology analyzer; here it just yields no range.
                }
            }
        }

        return list;
    }
}
