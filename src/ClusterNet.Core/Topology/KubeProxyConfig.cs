using System.Text.RegularExpressions;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>kube-proxy's mode from its ConfigMap (kube-system/kube-proxy, key config.conf, field <c>mode</c>).</summary>
public static partial class KubeProxyConfig
{
    /// <summary>Returns the mode (iptables when empty or absent, as kube-proxy defaults on Linux) and where it came from.</summary>
    public static (string Mode, string Source) DetectMode(ClusterSnapshot snapshot, string? overrideMode)
    {
        if (!string.IsNullOrWhiteSpace(overrideMode))
        {
            return (overrideMode.Trim().ToLowerInvariant(), "configuration (Topology:KubeProxyMode)");
        }

        var cm = snapshot.ConfigMaps.Get("kube-system", "kube-proxy");
        if (cm is null)
        {
            return ("iptables", "kube-proxy ConfigMap not in the snapshot: assuming the default, iptables");
        }

        foreach (var (key, text) in cm.Data.OrderBy(kv => kv.Key == "config.conf" ? 0 : 1))
        {
            var m = ModeLine().Match(text);
            if (m.Success)
            {
                var mode = m.Groups[1].Value.Trim();
                return mode.Length == 0
                    ? ("iptables", $"ConfigMap kube-system/kube-proxy {key}: mode is empty, kube-proxy defaults to iptables")
                    : (mode.ToLowerInvariant(), $"ConfigMap kube-system/kube-proxy {key}");
            }
        }

        return ("iptables", "ConfigMap kube-system/kube-proxy has no mode: kube-proxy defaults to iptables");
    }

    [GeneratedRegex("""^mode:[ \t]*["']?([A-Za-z]*)["']?[ \t]*(?:#.*)?\r?$""", RegexOptions.Multiline)]
    private static partial Regex ModeLine();
}
