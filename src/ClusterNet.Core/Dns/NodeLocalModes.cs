using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// Which address pods really send DNS to, with NodeLocal DNSCache in either of its modes (k8s.io/dns node-cache):
/// - kube-proxy iptables mode: the cache binds both its link-local address and the kube-dns Service IP
///   (<c>-localip 169.254.20.10,10.96.0.10</c>) and answers packets to the Service IP on the node; kubelet keeps
///   clusterDNS = the Service IP, so pods get <c>nameserver 10.96.0.10</c>.
/// - IPVS mode: the Service IP sits on kube-ipvs0 and cannot be bound by the cache, so it binds the link-local address
///   alone and kubelet's clusterDNS must be changed to it: pods get <c>nameserver 169.254.20.10</c>.
/// kubelet's clusterDNS (kubeadm's kubelet-config ConfigMap) decides when the API has it; otherwise the mode is inferred
/// from the cache's <c>-localip</c> and kube-proxy's mode, and the inference is said. An IPVS cluster whose cache binds
/// the Service IP too is flagged: that set-up does not work.
/// </summary>
public static class NodeLocalModes
{
    public static ClusterDnsInfo Decide(ClusterDnsInfo info)
    {
        var service = info.KubeDnsIp;
        var local = info.NodeLocalAddress;
        var bindsService = service is not null && info.NodeLocalAddresses.Contains(service);
        var ipvs = string.Equals(info.KubeProxyMode, "ipvs", StringComparison.OrdinalIgnoreCase);
        string? problem = null;
        if (local is not null && bindsService && ipvs)
        {
            problem = $"kube-proxy runs in IPVS mode, but node-local-dns binds the kube-dns Service IP too (-localip {string.Join(",", info.NodeLocalAddresses)}): "
                + $"in IPVS mode {service} sits on kube-ipvs0 and the cache cannot take it, so pods sending to {service} bypass the cache (or lose their queries). "
                + $"In IPVS mode bind {local} alone and set kubelet's clusterDNS to {local}.";
        }

        if (!info.KubeletClusterDns.IsDefaultOrEmpty)
        {
            return info with
            {
                PodNameservers = info.KubeletClusterDns,
                PodNameserverSource = $"kubelet's clusterDNS {string.Join(", ", info.KubeletClusterDns)} (kube-system/kubelet-config)",
                NodeLocalProblem = problem,
            };
        }

        if (local is null)
        {
            return service is null ? info : info with
            {
                PodNameservers = [service],
                PodNameserverSource = $"the kube-dns Service IP {service} (kubelet's clusterDNS is not in the API; assumed to be the Service IP)",
                PodNameserverInferred = true,
            };
        }

        if (bindsService)
        {
            return info with
            {
                PodNameservers = [service!],
                PodNameserverSource = $"inferred: node-local-dns binds both {local} and the Service IP {service} (-localip), the iptables-mode set-up, where kubelet keeps clusterDNS = {service} and the cache answers it on each node",
                PodNameserverInferred = true,
                NodeLocalProblem = problem,
            };
        }

        var mode = info.KubeProxyMode ?? "unknown";
        return info with
        {
            PodNameservers = [local],
            PodNameserverSource = $"inferred: node-local-dns binds {string.Join(", ", info.NodeLocalAddresses)} only (kube-proxy mode {mode}), the set-up where kubelet's clusterDNS is changed to {local}",
            PodNameserverInferred = true,
        };
    }
}
