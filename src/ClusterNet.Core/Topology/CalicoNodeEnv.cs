using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>
/// calico-node's network settings from its DaemonSet (or, when the DaemonSet was not readable, one of its pods),
/// with <c>valueFrom.configMapKeyRef</c> resolved against the snapshot's ConfigMaps (calico-config's
/// <c>calico_backend</c> and <c>veth_mtu</c> in the manifests).
/// </summary>
public sealed record CalicoNodeEnv(string Where, ImmutableDictionary<string, CalicoNodeEnv.Value> Values)
{
    /// <summary>A variable's value (null when its ConfigMap key is not in the snapshot) and where it was read.</summary>
    public sealed record Value(string Name, string? Text, string Source);

    public Value? Get(string name) => Values.GetValueOrDefault(name);

    /// <summary>The calico-node container's settings, or null when no calico-node DaemonSet or pod is in the snapshot.</summary>
    public static CalicoNodeEnv? Find(ClusterSnapshot snapshot)
    {
        var ds = snapshot.Workloads
            .Where(w => w.Kind == "DaemonSet" && w.Name == "calico-node")
            .OrderBy(w => w.Namespace == "kube-system" ? 0 : 1).ThenBy(w => w.Namespace, StringComparer.Ordinal)
            .FirstOrDefault();
        if (ds is not null)
        {
            return From(snapshot, ds.Namespace, ds.Containers, $"DaemonSet {ds.Namespace}/{ds.Name}");
        }

        var pod = snapshot.Pods
            .Where(p => p.Owner is { Kind: "DaemonSet", Name: "calico-node" })
            .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return pod is null ? null : From(snapshot, pod.Namespace, pod.Containers, $"pod {pod.Namespace}/{pod.Name}");
    }

    private static CalicoNodeEnv From(ClusterSnapshot snapshot, string ns, ImmutableArray<ContainerInfo> containers, string where)
    {
        var container = containers.FirstOrDefault(c => !c.IsInit && c.Name == "calico-node")
            ?? containers.FirstOrDefault(c => !c.IsInit && !c.Env.IsDefaultOrEmpty);
        var values = ImmutableDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        if (container is not null && !container.Env.IsDefaultOrEmpty)
        {
            foreach (var e in container.Env)
            {
                // Kubernetes lets a later entry of the same name win.
                values[e.Name] = Resolve(snapshot, ns, where, container.Name, e);
            }
        }

        return new CalicoNodeEnv(container is null ? where : $"{where} container {container.Name}", values.ToImmutable());
    }

    private static Value Resolve(ClusterSnapshot snapshot, string ns, string where, string container, EnvVarInfo e)
    {
        if (e.ConfigMapName is null)
        {
            return new Value(e.Name, e.Value, $"{e.Name}={e.Value}");
        }

        var cm = snapshot.ConfigMaps.Get(ns, e.ConfigMapName);
        var key = e.ConfigMapKey ?? "";
        if (cm is not null && cm.Data.TryGetValue(key, out var text))
        {
            return new Value(e.Name, text.Trim(), $"{e.Name}={text.Trim()} from ConfigMap {ns}/{e.ConfigMapName} key {key}");
        }

        return new Value(e.Name, null, $"{e.Name} refers to ConfigMap {ns}/{e.ConfigMapName} key {key}, which is not in the snapshot");
    }
}
