using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// What changed in pods and namespaces between the snapshot a <see cref="PolicyIndex"/> was built from and a new one:
/// the pod renumbering, the pods whose policy-relevant facts changed (labels, IPs, hostNetwork, container ports), and
/// the namespaces whose labels changed. Everything the engine derives incrementally starts from this.
/// </summary>
internal sealed class IndexDelta
{
    private IndexDelta(PodRemap pods, PodSet dirty, ImmutableArray<string> names, IReadOnlyDictionary<string, string>[] labels,
        int[] nsOldToNew, int[] nsNewToOld, bool[] relabelled)
    {
        Pods = pods;
        Dirty = dirty;
        NamespaceNames = names;
        NamespaceLabels = labels;
        NamespaceOldToNew = nsOldToNew;
        NamespaceNewToOld = nsNewToOld;
        Relabelled = relabelled;
        NamespacesKeepIndexes = nsNewToOld.Length == nsOldToNew.Length && nsOldToNew.Select((n, o) => n == o).All(x => x);
        DirtyCount = dirty.Count;
    }

    public PodRemap Pods { get; }

    /// <summary>New pod indexes: added pods and pods whose labels, IPs, hostNetwork or container ports changed.</summary>
    public PodSet Dirty { get; }

    public int DirtyCount { get; }

    public ImmutableArray<string> NamespaceNames { get; }

    /// <summary>By new namespace index; the previous dictionaries where unchanged.</summary>
    public IReadOnlyDictionary<string, string>[] NamespaceLabels { get; }

    /// <summary>New namespace index of each old one; -1 for a namespace gone.</summary>
    public int[] NamespaceOldToNew { get; }

    /// <summary>Old namespace index of each new one; -1 for a new namespace.</summary>
    public int[] NamespaceNewToOld { get; }

    /// <summary>By new namespace index: labels differ from before, or the namespace is new.</summary>
    public bool[] Relabelled { get; }

    /// <summary>The same namespace names in the same order.</summary>
    public bool NamespacesKeepIndexes { get; }

    /// <summary>
    /// The delta from <paramref name="index"/> to <paramref name="next"/>, or null when more than
    /// <paramref name="maxPodChanges"/> pods were added, deleted or changed (then a rebuild is cheaper).
    /// </summary>
    public static IndexDelta? Compute(PolicyIndex index, ClusterSnapshot next, int maxPodChanges)
    {
        int[] newToOld;
        PodSet dirty;
        if (ReferenceEquals(index.Snapshot.Pods, next.Pods))
        {
            // An index holds exactly its snapshot's pods: the same collection means no pod changed (a policy-only change).
            newToOld = [.. Enumerable.Range(0, index.PodCount)];
            dirty = new PodSet(index.PodCount);
        }
        else if (!DiffPods(index.Pods, next.Pods, maxPodChanges, out newToOld, out dirty))
        {
            return null;
        }

        var names = ReferenceEquals(index.Snapshot.Pods, next.Pods) && ReferenceEquals(index.Snapshot.Namespaces, next.Namespaces)
            && PolicyNamespacesKnown(index, next) && SameNamespaces(index, next)
            ? index.NamespaceNames
            : PolicyIndex.NamespaceNamesOf(next);
        var (nsOldToNew, nsNewToOld) = MapNamespaces(index.NamespaceNames, names);
        var labels = new IReadOnlyDictionary<string, string>[names.Length];
        var relabelled = new bool[names.Length];
        var sameDeclared = ReferenceEquals(index.Snapshot.Namespaces, next.Namespaces);
        for (var n = 0; n < names.Length; n++)
        {
            var o = nsNewToOld[n];
            if (o >= 0 && (sameDeclared || ReferenceEquals(index.Snapshot.Namespaces.Get(ObjectKey.Cluster(names[n])), next.Namespaces.Get(ObjectKey.Cluster(names[n])))))
            {
                labels[n] = index.NamespaceLabels[o];
                continue;
            }

            var now = PolicyIndex.LabelsOf(next, names[n]);
            var same = o >= 0 && SameLabels(index.NamespaceLabels[o], now);
            labels[n] = same ? index.NamespaceLabels[o] : now;
            relabelled[n] = !same;
        }

        return new IndexDelta(new PodRemap(index.PodCount, newToOld), dirty, names, labels, nsOldToNew, nsNewToOld, relabelled);
    }

    /// <summary>
    /// Merges two pod lists in snapshot order: the old index of each new pod (-1 when added) and the new pods whose
    /// policy facts changed or that are new. False when more than <paramref name="maxChanges"/> pods were added,
    /// deleted or changed.
    /// </summary>
    public static bool DiffPods(IReadOnlyList<PodInfo> oldPods, IReadOnlyList<PodInfo> newPods, int maxChanges, out int[] newToOld, out PodSet dirty)
    {
        newToOld = new int[newPods.Count];
        dirty = new PodSet(newPods.Count);
        var changes = 0;
        int i = 0, j = 0;
        while (j < newPods.Count)
        {
            var cmp = i < oldPods.Count ? Compare(oldPods[i].Key, newPods[j].Key) : 1;
            if (cmp < 0)
            {
                i++; // deleted
                changes++;
            }
            else if (cmp > 0)
            {
                newToOld[j] = -1;
                dirty.Add(j++);
                changes++;
            }
            else
            {
                newToOld[j] = i;
                if (!ReferenceEquals(oldPods[i], newPods[j]) && PolicyFactsDiffer(oldPods[i], newPods[j]))
                {
                    dirty.Add(j);
                    changes++;
                }

                i++;
                j++;
            }

            if (changes > maxChanges)
            {
                return false;
            }
        }

        return changes + oldPods.Count - i <= maxChanges;
    }

    /// <summary>KindCollection's order: namespace, then name, ordinal.</summary>
    public static int Compare(ObjectKey a, ObjectKey b)
    {
        var c = string.CompareOrdinal(a.Namespace, b.Namespace);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>Do two versions of a pod differ in anything the engine reads (labels, IPs, hostNetwork, container ports)?</summary>
    public static bool PolicyFactsDiffer(PodInfo a, PodInfo b) =>
        a.HostNetwork != b.HostNetwork
        || !SameLabels(a.Labels, b.Labels)
        || !(a.PodIps.IsDefault ? [] : a.PodIps).SequenceEqual(b.PodIps.IsDefault ? [] : b.PodIps, StringComparer.Ordinal)
        || !PortsOf(a).SequenceEqual(PortsOf(b));

    private static IEnumerable<ContainerPortInfo> PortsOf(PodInfo p) => p.Containers.Where(c => !c.IsInit).SelectMany(c => c.Ports);

    /// <summary>Same keys with the same values (ordinal), whatever the dictionaries' types.</summary>
    public static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (k, v) in a)
        {
            if (!b.TryGetValue(k, out var w) || !string.Equals(v, w, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool PolicyNamespacesKnown(PolicyIndex index, ClusterSnapshot next) =>
        next.NetworkPolicies.All(p => index.NamespaceIndexOf.ContainsKey(p.Namespace));

    /// <summary>With pods and namespaces unchanged, is every namespace of the index still named by an object (so none went away)?</summary>
    private static bool SameNamespaces(PolicyIndex index, ClusterSnapshot next)
    {
        var policyNamespaces = next.NetworkPolicies.Select(p => p.Namespace).ToHashSet(StringComparer.Ordinal);
        for (var n = 0; n < index.NamespaceNames.Length; n++)
        {
            var name = index.NamespaceNames[n];
            if (index.PodsByNamespace[n].IsEmpty && next.Namespaces.Get(ObjectKey.Cluster(name)) is null && !policyNamespaces.Contains(name))
            {
                return false;
            }
        }

        return true;
    }

    private static (int[] OldToNew, int[] NewToOld) MapNamespaces(ImmutableArray<string> before, ImmutableArray<string> now)
    {
        var oldToNew = new int[before.Length];
        var newToOld = new int[now.Length];
        int i = 0, j = 0;
        while (i < before.Length || j < now.Length)
        {
            var cmp = i >= before.Length ? 1 : j >= now.Length ? -1 : string.CompareOrdinal(before[i], now[j]);
            if (cmp < 0)
            {
                oldToNew[i++] = -1;
            }
            else if (cmp > 0)
            {
                newToOld[j++] = -1;
            }
            else
            {
                oldToNew[i] = j;
                newToOld[j++] = i++;
            }
        }

        return (oldToNew, newToOld);
    }
}
