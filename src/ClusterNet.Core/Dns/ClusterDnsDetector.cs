using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// Finds kube-dns, NodeLocal DNSCache, the Corefile and the kube-proxy mode in a snapshot: the one detection every
/// analyzer reads through <c>ClusterFacts.Of(snapshot).Dns</c>. NodeLocal DNSCache is there when its DaemonSet (named
/// node-local-dns or labelled k8s-app=node-local-dns) or its ConfigMap is; its address comes from the DaemonSet's
/// <c>-localip</c>, else the ConfigMap's <c>bind</c> line, else the default 169.254.20.10.
/// </summary>
public static partial class ClusterDnsDetector
{
    public const string DefaultNodeLocalAddress = "169.254.20.10";

    public static ClusterDnsInfo Detect(ClusterSnapshot snapshot)
    {
        var kubeDns = snapshot.Services.Get("kube-system", "kube-dns")
            ?? snapshot.Services.FirstOrDefault(s => s.Labels.TryGetValue("k8s-app", out var app) && app is "kube-dns" or "coredns")
            ?? snapshot.Services.FirstOrDefault(s => s.Name is "coredns" or "kube-dns");

        var nodeLocal = snapshot.Workloads.FirstOrDefault(w => w.Kind == "DaemonSet"
            && (w.Name == "node-local-dns" || (w.Labels.TryGetValue("k8s-app", out var app) && app == "node-local-dns")));
        var nodeLocalConfig = snapshot.ConfigMaps.FirstOrDefault(c => c.Name == "node-local-dns");
        string? nodeLocalAddress = null;
        ImmutableArray<string> nodeLocalAddresses = [];
        if (nodeLocal is not null || nodeLocalConfig is not null)
        {
            nodeLocalAddresses = LocalIpsFromArgs(nodeLocal) is { IsDefaultOrEmpty: false } fromArgs ? fromArgs
                : LocalIpsFromCorefile(nodeLocalConfig) is { IsDefaultOrEmpty: false } fromBind ? fromBind
                : [DefaultNodeLocalAddress];
            nodeLocalAddress = nodeLocalAddresses[0];
        }

        var dnsPods = kubeDns is null ? [] : snapshot.PodsSelectedBy(kubeDns);

        var coredns = snapshot.ConfigMaps.Get("kube-system", "coredns") ?? snapshot.ConfigMaps.FirstOrDefault(c => c.Name == "coredns");
        var corefile = coredns?.Data.TryGetValue("Corefile", out var text) == true ? text : null;
        var directives = corefile is null ? [] : CorefileDirectives(corefile);

        var kubeProxy = snapshot.ConfigMaps.Get("kube-system", "kube-proxy") ?? snapshot.ConfigMaps.FirstOrDefault(c => c.Name == "kube-proxy");
        string? mode = null;
        if (kubeProxy is not null)
        {
            var config = kubeProxy.Data.Values.FirstOrDefault(v => v.Contains("mode", StringComparison.Ordinal)) ?? "";
            var m = ModeLine().Match(config);
            mode = m.Success && m.Groups[1].Value.Trim('"', '\'').Length > 0 ? m.Groups[1].Value.Trim('"', '\'') : "iptables";
        }

        var kubelet = KubeletConfigReader.Read(snapshot);
        var info = new ClusterDnsInfo
        {
            KubeDnsService = kubeDns,
            NodeLocalDns = nodeLocal,
            NodeLocalAddress = nodeLocalAddress,
            NodeLocalAddresses = nodeLocalAddresses,
            KubeletClusterDns = kubelet,
            DnsPods = [.. dnsPods],
            Corefile = corefile,
            CorefileHasCache = directives.Contains("cache"),
            CorefileHasAutopath = directives.Contains("autopath"),
            KubeProxyMode = mode,
        };
        return NodeLocalModes.Decide(info);
    }

    /// <summary>First words of each Corefile line, comments removed: enough to see which plugins are on.</summary>
    internal static HashSet<string> CorefileDirectives(string corefile) =>
        [.. corefile.Split('\n')
            .Select(l => (l.Contains('#') ? l[..l.IndexOf('#')] : l).Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Split([' ', '\t', '{'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "")];

    private static ImmutableArray<string> LocalIpsFromArgs(WorkloadInfo? ds)
    {
        if (ds is null)
        {
            return [];
        }

        foreach (var c in ds.Containers)
        {
            for (var i = 0; i < c.Command.Length; i++)
            {
                var word = c.Command[i];
                string? value = null;
                if (word.StartsWith("-localip=", StringComparison.Ordinal))
                {
                    value = word["-localip=".Length..];
                }
                else if (word == "-localip" && i + 1 < c.Command.Length)
                {
                    value = c.Command[i + 1];
                }

                if (value is not null)
                {
                    return [.. value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0)];
                }
            }
        }

        return [];
    }

    /// <summary>The addresses of the first <c>bind</c> line in any value of node-local-dns's ConfigMap (its Corefile).</summary>
    private static ImmutableArray<string> LocalIpsFromCorefile(ConfigMapInfo? config)
    {
        foreach (var value in config?.Data.Values ?? [])
        {
            var m = BindLine().Match(value);
            if (m.Success)
            {
                return [m.Groups[1].Value, .. m.Groups[2].Captures.Select(c => c.Value)];
            }
        }

        return [];
    }

    [GeneratedRegex(@"(?m)^\s*mode:\s*(\S*)")]
    private static partial Regex ModeLine();

    // An address of either family (placeholders such as __PILLAR__LOCAL__DNS__ don't match).
    [GeneratedRegex(@"\bbind\s+([0-9a-fA-F:.]+)(?:[ \t]+([0-9a-fA-F:.]+))*")]
    private static partial Regex BindLine();
}
