using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Whether the cluster's CNI enforces NetworkPolicy, judged simply from its DaemonSets (kube-flannel-ds, calico-node,
/// canal, cilium, kube-router). Kept small on purpose; the topology engine's CNI detector is the fuller one.
/// </summary>
public sealed record PolicyEnforcement(string? Cni, bool? Enforces, ImmutableArray<string> Signals)
{
    private static readonly (string DaemonSet, string Cni, bool Enforces)[] Known =
    [
        ("calico-node", "calico", true),
        ("canal", "canal", true),
        ("cilium", "cilium", true),
        ("kube-router", "kube-router", true),
        ("kube-flannel-ds", "flannel", false),
    ];

    /// <summary>True when policies exist but nothing will enforce them (flannel alone).</summary>
    public bool PoliciesIgnored(ClusterSnapshot snapshot) => Enforces == false && snapshot.NetworkPolicies.Count > 0;

    public static PolicyEnforcement Detect(ClusterSnapshot snapshot)
    {
        var found = new List<(string DaemonSet, string Cni, bool Enforces, string Where)>();
        foreach (var w in snapshot.Workloads)
        {
            if (w.Kind != "DaemonSet")
            {
                continue;
            }

            foreach (var k in Known)
            {
                if (w.Name == k.DaemonSet || (k.DaemonSet == "kube-flannel-ds" && w.Name.StartsWith("kube-flannel-ds", StringComparison.Ordinal)))
                {
                    found.Add((k.DaemonSet, k.Cni, k.Enforces, $"DaemonSet {w.Namespace}/{w.Name}"));
                }
            }
        }

        if (found.Count == 0)
        {
            return new PolicyEnforcement(null, null, ["no known CNI DaemonSet (kube-flannel-ds, calico-node, canal, cilium, kube-router) in the snapshot"]);
        }

        var signals = found.Select(f => f.Where).ToImmutableArray();
        var enforcing = found.FirstOrDefault(f => f.Enforces);
        return enforcing.Cni is not null
            ? new PolicyEnforcement(enforcing.Cni, true, signals)
            : new PolicyEnforcement("flannel", false, signals);
    }
}
