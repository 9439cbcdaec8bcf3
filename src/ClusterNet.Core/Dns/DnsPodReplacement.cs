using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>How a linked pod that is gone relates to the live pod shown in its place.</summary>
public enum DnsReplacementKind
{
    /// <summary>Another pod of the same ReplicaSet: the same pod template, so the same DNS view.</summary>
    SameReplicaSet,
    /// <summary>A pod of the same workload (a newer ReplicaSet of the Deployment, or the DaemonSet/Job/StatefulSet).</summary>
    SameWorkload,
}

/// <summary>A live pod standing in for a gone one, and why.</summary>
public sealed record DnsPodReplacement(PodInfo Pod, DnsWorkloadRef Owner, DnsReplacementKind Kind)
{
    /// <summary>
    /// The pod that replaced <paramref name="gone"/>: a pod whose owner names it. Controllers name their pods after
    /// themselves — a Deployment's pod is "&lt;deployment&gt;-&lt;template hash&gt;-&lt;random&gt;" (its ReplicaSet is
    /// "&lt;deployment&gt;-&lt;hash&gt;"), a DaemonSet's or Job's "&lt;owner&gt;-&lt;random&gt;", a StatefulSet's "&lt;owner&gt;-&lt;ordinal&gt;" —
    /// so the gone pod's owner is the live owner whose name and naming pattern fit the gone name. A pod of the same
    /// ReplicaSet is preferred (same template), then any pod of the same workload; ready pods first, then by name.
    /// Null when no live pod fits (a bare pod, or every pod of the workload gone).
    /// </summary>
    public static DnsPodReplacement? Find(ClusterSnapshot snapshot, ObjectKey gone)
    {
        DnsPodReplacement? best = null;
        foreach (var pod in snapshot.Pods)
        {
            if (pod.Namespace != gone.Namespace || pod.Owner is null || pod.Name == gone.Name)
            {
                continue;
            }

            var owner = DnsOwnerResolver.Resolve(pod, snapshot);
            DnsReplacementKind kind;
            if (pod.Owner.Kind == "ReplicaSet" && Fits(gone.Name, pod.Owner.Name, RandomSuffix))
            {
                kind = DnsReplacementKind.SameReplicaSet;
            }
            else if (owner.Kind == "Deployment" && Fits(gone.Name, owner.Name, HashAndRandomSuffix))
            {
                kind = DnsReplacementKind.SameWorkload;
            }
            else if (owner.Kind == "StatefulSet" && Fits(gone.Name, owner.Name, OrdinalSuffix))
            {
                kind = DnsReplacementKind.SameWorkload;
            }
            else if (owner.Kind is "DaemonSet" or "Job" && Fits(gone.Name, owner.Name, RandomSuffix))
            {
                kind = DnsReplacementKind.SameWorkload;
            }
            else
            {
                continue;
            }

            var candidate = new DnsPodReplacement(pod, owner, kind);
            if (best is null || Better(candidate, best))
            {
                best = candidate;
            }
        }

        return best;
    }

    private static bool Better(DnsPodReplacement a, DnsPodReplacement b)
    {
        if (a.Kind != b.Kind)
        {
            return a.Kind < b.Kind;
        }

        if (a.Owner.Name.Length != b.Owner.Name.Length)
        {
            // The longest owner name that fits is the most specific ("api-gateway" over "api").
            return a.Owner.Name.Length > b.Owner.Name.Length;
        }

        if (a.Pod.Ready != b.Pod.Ready)
        {
            return a.Pod.Ready;
        }

        return string.CompareOrdinal(a.Pod.Name, b.Pod.Name) < 0;
    }

    private static bool Fits(string goneName, string ownerName, Func<string, bool> suffix) =>
        goneName.Length > ownerName.Length + 1
        && goneName.StartsWith(ownerName + "-", StringComparison.Ordinal)
        && suffix(goneName[(ownerName.Length + 1)..]);

    private static bool RandomSuffix(string s) => s.Length > 0 && !s.Contains('-', StringComparison.Ordinal);

    private static bool HashAndRandomSuffix(string s)
    {
        var dash = s.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && RandomSuffix(s[(dash + 1)..]);
    }

    private static bool OrdinalSuffix(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);
}
