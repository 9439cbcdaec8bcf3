using System.Text;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// The /etc/hosts kubelet writes into a pod (pkg/kubelet/kubelet_pods.go managedHostsFileContent): a header, the
/// localhost lines, one line per pod IP with the FQDN (when spec.subdomain is set) and the hostname, then the
/// hostAliases. Hostname is spec.hostname or the pod name, cut to 63 characters; the FQDN is
/// hostname.subdomain.namespace.svc.&lt;cluster domain&gt;. A hostNetwork pod gets the node's /etc/hosts instead, which
/// the cluster API does not show: the builder then keeps the localhost lines and the hostAliases and says so.
/// </summary>
public static class PodHostsFileBuilder
{
    internal const string Header = "# Kubernetes-managed hosts file.\n";

    internal const string LocalhostLines =
        "127.0.0.1\tlocalhost\n" +
        "::1\tlocalhost ip6-localhost ip6-loopback\n" +
        "fe00::0\tip6-localnet\n" +
        "fe00::0\tip6-mcastprefix\n" +
        "fe00::1\tip6-allnodes\n" +
        "fe00::2\tip6-allrouters\n";

    private const int MaxHostnameLength = 63;

    public static HostsFile Build(PodInfo pod, string clusterDomain = "cluster.local")
    {
        var text = new StringBuilder();
        if (pod.HostNetwork)
        {
            text.Append("# Node's /etc/hosts (not visible through the API): assumed to hold the localhost lines.\n");
        }
        else
        {
            text.Append(Header);
        }

        text.Append(LocalhostLines);
        if (!pod.HostNetwork)
        {
            var hostname = Hostname(pod);
            var fqdn = Fqdn(pod, clusterDomain);
            foreach (var ip in pod.PodIps)
            {
                text.Append(fqdn is null ? $"{ip}\t{hostname}\n" : $"{ip}\t{fqdn}\t{hostname}\n");
            }
        }

        if (!pod.HostAliases.IsDefaultOrEmpty)
        {
            text.Append("\n# Entries added by HostAliases.\n");
            foreach (var alias in pod.HostAliases)
            {
                text.Append($"{alias.Ip}\t{string.Join('\t', alias.Hostnames)}\n");
            }
        }

        return HostsFile.Parse(text.ToString(), $"pod {pod.Namespace}/{pod.Name}");
    }

    /// <summary>spec.hostname, else the pod name, cut to 63 characters (kubelet's GeneratePodHostNameAndDomain).</summary>
    public static string Hostname(PodInfo pod)
    {
        var name = string.IsNullOrEmpty(pod.Hostname) ? pod.Name : pod.Hostname;
        return name.Length > MaxHostnameLength ? name[..MaxHostnameLength].TrimEnd('-', '.') : name;
    }

    /// <summary>hostname.subdomain.namespace.svc.domain, or null without spec.subdomain.</summary>
    public static string? Fqdn(PodInfo pod, string clusterDomain = "cluster.local") =>
        string.IsNullOrEmpty(pod.Subdomain) ? null : $"{Hostname(pod)}.{pod.Subdomain}.{pod.Namespace}.svc.{clusterDomain.TrimEnd('.')}";
}
