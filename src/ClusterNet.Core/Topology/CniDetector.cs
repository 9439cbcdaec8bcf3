using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Detects the CNI from DaemonSets, their pods, ConfigMaps, Calico CRDs and per-node annotations (domain.md §4).
/// The most specific plugin wins: cilium and kube-router explicitly; canal before calico and flannel because
/// canal shows signals of both.
/// </summary>
public static class CniDetector
{
    public static CniDetection Detect(ClusterSnapshot snapshot)
    {
        var flannel = new List<string>();
        var calico = new List<string>();
        var canal = new List<string>();
        var kubeRouter = new List<string>();
        var cilium = new List<string>();
        var seenDaemonSets = new HashSet<string>(StringComparer.Ordinal);

        foreach (var w in snapshot.Workloads)
        {
            if (w.Kind != "DaemonSet")
            {
                continue;
            }

            var where = $"DaemonSet {w.Namespace}/{w.Name}";
            seenDaemonSets.Add($"{w.Namespace}/{w.Name}");
            if (w.Name.StartsWith("kube-flannel", StringComparison.Ordinal) || w.Name == "flannel")
            {
                flannel.Add(where);
            }
            else if (w.Name == "calico-node")
            {
                calico.Add(where);
            }
            else if (w.Name.StartsWith("canal", StringComparison.Ordinal))
            {
                canal.Add(where);
            }
            else if (w.Name == "kube-router")
            {
                kubeRouter.Add(where);
            }
            else if (w.Name == "cilium")
            {
                cilium.Add(where);
            }
        }

        // Pods of those DaemonSets count when the DaemonSets themselves were not readable (RBAC, a pods-only dump).
        foreach (var p in snapshot.Pods)
        {
            if (p.Owner is not { Kind: "DaemonSet" } owner)
            {
                continue;
            }

            var where = $"pod {p.Namespace}/{p.Name} of DaemonSet {owner.Name}";
            var list = owner.Name switch
            {
                var n when n.StartsWith("kube-flannel", StringComparison.Ordinal) => flannel,
                "calico-node" => calico,
                var n when n.StartsWith("canal", StringComparison.Ordinal) => canal,
                "kube-router" => kubeRouter,
                "cilium" => cilium,
                _ => null,
            };
            if (list is not null && seenDaemonSets.Add($"{p.Namespace}/{owner.Name}"))
            {
                list.Add(where);
            }
        }

        foreach (var cm in snapshot.ConfigMaps)
        {
            var where = $"ConfigMap {cm.Namespace}/{cm.Name}";
            switch (cm.Name)
            {
                case "kube-flannel-cfg":
                    flannel.Add(where);
                    break;
                case "canal-config":
                    canal.Add(where);
                    break;
                case "calico-config":
                    calico.Add(where);
                    break;
            }
        }

        foreach (var installation in snapshot.Installations.Where(i => i.CniType is null or "Calico"))
        {
            calico.Add($"Installation {installation.Name} (operator.tigera.io)");
        }

        if (snapshot.IpPools.Count > 0)
        {
            calico.Add($"{snapshot.IpPools.Count} Calico IPPool(s)");
        }

        var flannelAnnotated = snapshot.Nodes.Count(n => n.Annotations.Keys.Any(k => k.StartsWith(FlannelAnnotations.Prefix, StringComparison.Ordinal)));
        if (flannelAnnotated > 0)
        {
            flannel.Add($"flannel annotations on {flannelAnnotated} of {snapshot.Nodes.Count} node(s)");
        }

        var calicoAnnotated = snapshot.Nodes.Count(n => n.Annotations.Keys.Any(k => k.StartsWith("projectcalico.org/", StringComparison.Ordinal)));
        if (calicoAnnotated > 0)
        {
            calico.Add($"projectcalico.org annotations on {calicoAnnotated} of {snapshot.Nodes.Count} node(s)");
        }

        if (cilium.Count > 0)
        {
            return new CniDetection(CniName.Cilium, [.. cilium], true, "cilium");
        }

        if (kubeRouter.Count > 0)
        {
            return new CniDetection(CniName.KubeRouter, [.. kubeRouter], true, "kube-router (its network policy controller, on unless --run-firewall=false)");
        }

        if (canal.Count > 0)
        {
            return new CniDetection(CniName.Canal, [.. canal, .. flannel, .. calico], true, "calico (Felix) in canal");
        }

        if (calico.Count > 0 && flannel.Count > 0)
        {
            // calico policy on top of flannel's data path is canal, whatever the DaemonSet is called.
            return new CniDetection(CniName.Canal, [.. calico, .. flannel, "both flannel and calico signals: treated as canal"], true, "calico (Felix) in canal");
        }

        if (calico.Count > 0)
        {
            return new CniDetection(CniName.Calico, [.. calico], true, "calico (Felix)");
        }

        if (flannel.Count > 0)
        {
            return new CniDetection(CniName.Flannel, [.. flannel], false, null);
        }

        return new CniDetection(CniName.Unknown, ["no DaemonSet, ConfigMap, CRD or node annotation of flannel, calico, canal, kube-router or cilium found"], null, null);
    }
}
