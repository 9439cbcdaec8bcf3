using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// kubelet's clusterDNS as kubeadm publishes it: ConfigMap kube-system/kubelet-config (kubeadm 1.24+; the older
/// kubelet-config-1.NN names are not read, so those clusters get the inference), key <c>kubelet</c>, a KubeletConfiguration YAML whose <c>clusterDNS</c> is a list of addresses,
/// block (<c>- 10.96.0.10</c>) or flow (<c>[10.96.0.10]</c>) style. Only that field is read; entries that are not IP
/// addresses are skipped. Empty when no such ConfigMap or field exists.
/// </summary>
public static class KubeletConfigReader
{
    public const string Key = "kubelet";

    public static ImmutableArray<string> Read(ClusterSnapshot snapshot)
    {
        var config = snapshot.ConfigMaps.Get("kube-system", "kubelet-config");
        return config is not null && config.Data.TryGetValue(Key, out var yaml) ? ClusterDns(yaml) : [];
    }

    /// <summary>The clusterDNS list of a KubeletConfiguration YAML document.</summary>
    public static ImmutableArray<string> ClusterDns(string yaml)
    {
        var lines = yaml.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]);
            // A top-level key only: nested maps of the same name belong to something else.
            if (!line.StartsWith("clusterDNS:", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line["clusterDNS:".Length..].Trim();
            if (rest.StartsWith('['))
            {
                return Addresses(rest.Trim('[', ']').Split(','));
            }

            var items = new List<string>();
            for (var j = i + 1; j < lines.Length; j++)
            {
                var item = StripComment(lines[j]).Trim();
                if (item.Length == 0)
                {
                    continue;
                }

                if (!item.StartsWith('-'))
                {
                    break;
                }

                items.Add(item[1..]);
            }

            return Addresses(items);
        }

        return [];
    }

    private static ImmutableArray<string> Addresses(IEnumerable<string> values) =>
        [.. values.Select(v => v.Trim().Trim('"', '\'')).Where(v => IPAddress.TryParse(v, out _))];

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return (hash >= 0 ? line[..hash] : line).TrimEnd();
    }
}
